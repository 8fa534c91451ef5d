"""Forms of the login steps, with Dutch messages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

from accounts.throttle import login_wait_seconds

LOGIN_FAILED = (
    "Inloggen is niet gelukt. Controleer uw gebruikersnaam en wachtwoord. Is uw account of de "
    "deelname van uw organisatie beëindigd, neem dan contact op met de functioneel beheerder."
)


class LoginForm(AuthenticationForm):
    """Django's login form with our wording. The same message for every failure, so that the
    form does not tell whether a username exists."""

    error_messages = {"invalid_login": LOGIN_FAILED, "inactive": LOGIN_FAILED}

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].label = "Wachtwoord"
        self.fields["username"].error_messages["required"] = "Vul uw gebruikersnaam in."
        self.fields["password"].error_messages["required"] = "Vul uw wachtwoord in."
        # AuthenticationForm sets max_length after the field is built, so no validator exists: a
        # long name would reach authenticate() and the lockout table (varchar 255) unchecked.
        self.fields["username"].validators.append(
            MaxLengthValidator(150, message="Een gebruikersnaam heeft hoogstens 150 tekens.")
        )
        self.fields["password"].validators.append(MaxLengthValidator(1024, message="Dit wachtwoord is te lang."))

    def clean(self):
        # Per address across usernames: a growing delay, never a lockout (issue 13 item 9). Checked
        # before the password, so a throttled try is not counted and reveals nothing.
        wait = login_wait_seconds(self.request)
        if wait:
            raise forms.ValidationError(
                f"Er is vanaf dit netwerkadres te vaak onjuist ingelogd. Wacht {wait} seconden en probeer het "
                "dan opnieuw.",
                code="throttled",
            )
        return super().clean()


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="De zescijferige code uit uw authenticator-app, of een van uw reservecodes.",
        error_messages={"required": "Vul de code in.", "max_length": "Deze code is te lang."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="Code uit de app",
        max_length=6,
        min_length=6,
        help_text="De zes cijfers die uw authenticator-app nu toont.",
        error_messages={
            "required": "Vul de code uit de app in.",
            "max_length": "De code bestaat uit zes cijfers.",
            "min_length": "De code bestaat uit zes cijfers.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError("De code bestaat uit zes cijfers.", code="code_not_numeric")
        return code
