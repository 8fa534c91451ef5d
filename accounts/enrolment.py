"""The first functioneel beheerder (and any account created from the command line) gets a
one-time enrolment link instead of a password on the command line (issue 15).

The link carries a signed token (Django's password-reset token machinery with its own salt):
it works once — setting the password changes the hash it is bound to — and expires after
``PASSWORD_RESET_TIMEOUT`` (three days by default). After setting a password the user logs in
and links an authenticator app (the normal first-login step).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_grant
from parties.models import Party


class EnrolmentTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.enrolment.EnrolmentTokenGenerator"


enrolment_tokens = EnrolmentTokenGenerator()


def enrolment_link_create(user: User, base_url: str | None = None) -> str:
    """An absolute one-time link at which ``user`` sets a password (no password yet needed)."""
    if user.has_usable_password():
        raise ValidationError(
            "Deze gebruiker heeft al een wachtwoord; gebruik ‘wachtwoord vergeten’ bij beheer.", code="password_set"
        )
    path = reverse(
        "account_activate",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": enrolment_tokens.make_token(user)},
    )
    return (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path


@transaction.atomic
def beheerder_create(*, username: str, email: str, party_name: str) -> User:
    """A functioneel beheerder without a password (art. 15.2c: the party's authorisations)."""
    party = Party.objects.filter(name=party_name).first()
    if party is None:
        raise ValidationError(
            f"Onbekende partij: ‘{party_name}’. Gebruik de naam zoals in het convenant.", code="party_unknown"
        )
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"De gebruikersnaam ‘{username}’ bestaat al.", code="username_taken")
    user = User(username=username, email=email, party=party)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    role_grant(user, Role.FUNCTIONEEL_BEHEERDER, reason="eerste functioneel beheerder (manage.py create_beheerder)")
    return user
