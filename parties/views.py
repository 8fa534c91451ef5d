"""/werk/partijen/opzeggingen/: record a party's notice and follow up its open tasks (art. 18.2).

Declared through the one access entry point: the rule ``parties.record_notice`` (the uitvoerder
or the functioneel beheerder of a kernpartij) decides; the screen's rows name the parties changed
and the tasks listed, never a person.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from access.screens import work_screen
from parties import selectors, services
from parties.forms import NoticeForm
from parties.models import Party


@work_screen(
    rule="parties.record_notice",
    purpose="partijen: opzegging vastleggen en taken opvolgen (art. 18.2)",
    object_type="party",
    screen_ref="opzeggingen",
    ref=lambda party: f"partij-{party.slug}",
    methods=("GET", "POST"),
)
def notices(request: HttpRequest) -> HttpResponse:
    form = NoticeForm(request.POST if request.POST.get("stap") == "opzeggen" else None)
    if request.method == "POST":
        response = _post(request, form)
        if response is not None:
            return response
    flagged = selectors.departed_party_tasks()
    request.access.listed([f.ref for f in flagged], object_type="task")
    context = {
        "form": form,
        "with_notice": selectors.parties_with_notice(),
        "flagged": flagged,
        "departed_with_owned": sorted({f.party.pk for f in flagged if not f.owner.startswith("wacht op")}),
    }
    return render(request, "parties/notices.html", context, status=400 if form.errors else 200)


def _post(request: HttpRequest, form: NoticeForm) -> HttpResponse | None:
    step = request.POST.get("stap")
    if step == "opzeggen":
        if not form.is_valid():
            return None
        try:
            party = services.party_notice_record(
                form.cleaned_data["party"], by=request.user, notice_given_on=form.cleaned_data["notice_given_on"]
            )
        except ValidationError as error:  # who may do this is the screen's rule; the service re-checks it
            form.add_error(None, error.messages)
            return None
        request.access.changed(party)
        messages.success(
            request,
            f"De opzegging van {party.name} is vastgelegd. De deelname eindigt op "
            f"{party.participation_ends_on:%d-%m-%Y}; vanaf die dag kunnen haar gebruikers niet meer inloggen.",
        )
        return redirect("parties:notices")
    if step == "teruggeven":
        raw = request.POST.get("partij", "")
        party = Party.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
        if party is None:
            messages.error(request, "Kies een partij uit de lijst. Er is niets gewijzigd.")
            return redirect("parties:notices")
        try:
            released = services.parties_tasks_release(party, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("parties:notices")
        request.access.changed(party)
        messages.success(request, f"{released} taak/taken van {party.name} staan weer klaar voor de groep.")
        return redirect("parties:notices")
    messages.error(request, "Onbekende handeling. Er is niets gewijzigd.")
    return redirect("parties:notices")
