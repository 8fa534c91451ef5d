"""Lost authenticator (issue 17 item 4): the functioneel beheerder resets a user's second factor.

Every device of the user goes (authenticator app, backup codes, passkeys), every open session of
the user ends, and one row is written to the authorisation log (art. 15.2c). At the next login the
user is sent to the normal first-login step: link an app, and see ten new backup codes once. The
beheerder confirms with a fresh code of their own app: a verified session alone is not enough.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import otp
from accounts.models import User
from authorisations.models import AuthorisationEventKind
from authorisations.services import authorisation_event_record, sessions_end


def fresh_app_code_check(user: User, code: str) -> bool:
    """True when ``code`` is the current code of the user's own authenticator app (not a backup
    code, not a code already used). Raises ``otp.CodeThrottled`` after too many wrong codes."""
    code = otp.normalise_code(code)
    if not otp.TOTP_PATTERN.match(code):
        return False
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        otp._raise_if_throttled(device)
        if device.verify_token(code):
            return True
    return False


def second_factor_kinds(user: User) -> list[str]:
    """What the user has linked, in Dutch (for the screen and the log)."""
    kinds = []
    for device in devices_for_user(user, confirmed=None):
        label = {"totpdevice": "authenticator-app", "staticdevice": "reservecodes"}.get(
            device._meta.model_name, "passkey"
        )
        if label not in kinds:
            kinds.append(label)
    return kinds


@transaction.atomic
def second_factor_reset(user: User, *, by: User, reason: str) -> list[str]:
    """Delete every second-factor device of ``user``, end the user's sessions and log the reset.

    Refused (nothing changes) for the beheerder's own account (they use their own account page)
    and without a reason. Returns what was removed (Dutch labels).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Geef de reden van het terugzetten (art. 15.2c).", code="reason_required")
    if by is not None and by.pk == user.pk:
        raise ValidationError(
            "U kunt uw eigen tweede factor hier niet terugzetten. Gebruik ‘Mijn account’, of vraag een "
            "andere functioneel beheerder.",
            code="own_account",
        )
    user = User.objects.select_for_update().get(pk=user.pk)
    removed = second_factor_kinds(user)
    for device in devices_for_user(user, confirmed=None):
        device.delete()  # backup codes go with their device
    sessions_end(user)
    authorisation_event_record(
        subject=user,
        kind=AuthorisationEventKind.SECOND_FACTOR_RESET,
        by=by,
        reason=reason,
        old_value=", ".join(removed) or "geen",
        new_value="opnieuw koppelen bij volgende inlog",
    )
    return removed
