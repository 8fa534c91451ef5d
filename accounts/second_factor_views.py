"""/werk/gebruikers/tweede-factor/: the functioneel beheerder resets a user's second factor when the
user lost their phone or passkey (issue 17 item 4; the logic is in ``accounts.second_factor``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from access.screens import work_screen
from accounts import otp
from accounts.models import User
from accounts.second_factor import fresh_app_code_check, second_factor_reset


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name()
        return f"{obj.username}{f' ({name})' if name else ''}, {obj.party.name}"


class SecondFactorResetForm(forms.Form):
    user = UserChoiceField(
        label="Gebruiker",
        queryset=User.objects.none(),
        empty_label="Kies een gebruiker",
        error_messages={"required": "Kies de gebruiker.", "invalid_choice": "Kies een gebruiker uit de lijst."},
    )
    reden = forms.CharField(
        label="Reden",
        max_length=500,
        help_text="Bijvoorbeeld: telefoon kwijt, gemeld op 3 maart. Komt in het autorisatielog (art. 15.2c).",
        error_messages={"required": "Geef de reden.", "max_length": "De reden is te lang (hoogstens 500 tekens)."},
    )
    code = forms.CharField(
        label="Uw eigen code",
        max_length=32,
        help_text="De zescijferige code die uw eigen authenticator-app nu toont. Een reservecode telt hier niet.",
        error_messages={"required": "Vul uw eigen code in.", "max_length": "Deze code is te lang."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        # Not the beheerder themselves: their own second factor is changed on their own account page.
        self.fields["user"].queryset = (
            User.objects.exclude(pk=by.pk).select_related("party").order_by("party__name", "username")
        )


@work_screen(
    rule="accounts.reset_second_factor",
    purpose="Tweede factor van een gebruiker terugzetten (verloren authenticator)",
    object_type="gebruiker",
    screen_ref="tweede-factor",
    methods=("GET", "POST"),
)
def second_factor_reset_screen(request: HttpRequest) -> HttpResponse:
    by = request.user
    form = SecondFactorResetForm(request.POST or None, by=by)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["user"]
        try:
            fresh = fresh_app_code_check(by, form.cleaned_data["code"])
        except otp.CodeThrottled as throttled:
            form.add_error("code", f"Te veel onjuiste codes. Wacht {throttled.seconds} seconden.")
        else:
            if not fresh:
                form.add_error("code", "Deze code is onjuist of al gebruikt. Gebruik de code die uw app nu toont.")
            else:
                try:
                    removed = second_factor_reset(target, by=by, reason=form.cleaned_data["reden"])
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    request.access.changed(target)
                    what = ", ".join(removed) if removed else "niets (er was niets gekoppeld)"
                    messages.success(
                        request,
                        f"De tweede factor van {target.username} is teruggezet (verwijderd: {what}). Alle sessies van "
                        "deze gebruiker zijn beëindigd; bij de volgende inlog koppelt de gebruiker opnieuw een app "
                        "en krijgt tien nieuwe reservecodes.",
                    )
                    return redirect("second_factor_reset")
    request.access.listed(form.fields["user"].queryset)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/second_factor_reset.html", {"form": form}, status=status)
