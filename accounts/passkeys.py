"""Passkeys (WebAuthn, django-otp-webauthn) as the second factor after the password (issue 17 item 9).

A passkey is phishing-resistant: the browser signs only for this site's own domain. It stands beside
the authenticator app: on the code step the user gives either a code or their passkey. Passwordless
login stays off (``OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False``).

Policy: the whole installation (``PASSKEYS_REQUIRED = "all"``) or the parties named in
``PASSKEYS_REQUIRED_PARTIES`` (party codes) require passkeys. For such a user an app code or a
backup code no longer completes the login:
- with a passkey linked, the code step accepts only the passkey;
- without one (first login, or after a reset), the app code is the one-time bootstrap: the session
  may then only link a passkey (``OTP_GATE_PASSKEY_ENROL_URL_NAMES``), and linking it completes the login.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import User


def passkeys_required_for(user: User) -> bool:
    """The installation, or the user's party, requires passkeys."""
    if settings.PASSKEYS_REQUIRED == "all":
        return True
    party = getattr(user, "party", None)
    return party is not None and party.slug in set(settings.PASSKEYS_REQUIRED_PARTIES)


def user_passkeys(user: User):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def user_has_passkey(user: User) -> bool:
    return user_passkeys(user).exists()


def session_verified_by_passkey(user) -> bool:
    """This request's session passed the second factor with a passkey (django-otp's ``otp_device``)."""
    return isinstance(getattr(user, "otp_device", None), WebAuthnCredential)


def passkey_step_pending(user) -> str | None:
    """For a verified session: what the passkey policy still asks, or None.

    ``"verify"``: the user has a passkey and must use it (the session was verified otherwise);
    ``"enrol"``: the user has none and must link one now.
    """
    if not passkeys_required_for(user) or session_verified_by_passkey(user):
        return None
    return "verify" if user_has_passkey(user) else "enrol"


def passkey_name_default(when=None) -> str:
    when = timezone.localtime(when or timezone.now())
    return f"Passkey gekoppeld op {when:%d-%m-%Y %H:%M}"


@transaction.atomic
def passkey_remove(user: User, passkey_id: int) -> None:
    """Remove one of the user's own passkeys. Refused (nothing changes) for a passkey of someone
    else, or for the last one while the policy requires passkeys."""
    passkey = WebAuthnCredential.objects.select_for_update().filter(user=user, pk=passkey_id).first()
    if passkey is None:
        raise ValidationError("Deze passkey bestaat niet (meer).", code="not_found")
    if passkeys_required_for(user) and user_passkeys(user).count() <= 1:
        raise ValidationError(
            "Uw organisatie vereist inloggen met een passkey. Koppel eerst een andere passkey voordat u deze "
            "verwijdert.",
            code="last_required",
        )
    passkey.delete()
