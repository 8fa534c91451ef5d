"""Two-factor logic: enrolment of an authenticator app, backup codes, and code checks.

Codes are single-use (TOTP refuses a code from a step already used; a backup code is deleted
when used) and failed codes are throttled by django-otp.
"""

from __future__ import annotations

import base64
import dataclasses
import re

import segno
from django.conf import settings
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

TOTP_NAME = "Authenticator-app"
BACKUP_NAME = "Reservecodes"
TOTP_PATTERN = re.compile(r"^\d{6}$")


class CodeThrottled(Exception):
    """Too many wrong codes; ``seconds`` until the next try is allowed."""

    def __init__(self, seconds: int):
        super().__init__("throttled")
        self.seconds = seconds


@dataclasses.dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    qr_svg: str
    secret: str


def user_has_confirmed_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_enrolment_start(user: User) -> Enrolment:
    """The user's pending (unconfirmed) device, made on first visit; its QR code as inline SVG."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, dark="#000", light="#fff", title="QR-code voor uw authenticator-app")
    secret = _base32(device.bin_key)
    return Enrolment(device=device, qr_svg=svg, secret=secret)


def totp_enrolment_confirm(user: User, code: str) -> list[str] | None:
    """Confirm the pending device with a first code; return the new backup codes, or None."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        return None
    _raise_if_throttled(device)
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_renew(user)


def backup_codes_renew(user: User) -> list[str]:
    """Replace the user's backup codes with a fresh set; each code works once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.OTP_BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def otp_session_verify(request, device) -> None:
    """The code step passed: mark the session verified and give it a new id (OWASP ASVS 3.2.1).
    django-otp's ``login`` keeps the session key, so a session id leaked after the password step
    would otherwise become fully authenticated when the user types the code."""
    otp_login(request, device)
    request.session.cycle_key()


def backup_codes_renew_confirmed(user: User, code: str) -> list[str] | None:
    """Replace the backup codes only against a fresh code from the authenticator app (ASVS 2.5):
    a verified session alone is not enough. None when the code is wrong or already used; raises
    ``CodeThrottled`` after too many wrong codes. A backup code does not count: it is one of the
    codes being replaced."""
    code = normalise_code(code)
    if not TOTP_PATTERN.match(code):
        return None
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        _raise_if_throttled(device)
        if device.verify_token(code):
            return backup_codes_renew(user)
    return None


def otp_code_check(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts ``code`` (a 6-digit app code or a backup code), else None.

    Raises ``CodeThrottled`` when the relevant device refuses tries for now.
    """
    code = normalise_code(code)
    if TOTP_PATTERN.match(code):
        devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    else:
        devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
    for device in devices:
        _raise_if_throttled(device)
        if device.verify_token(code):
            return device
    return None


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _raise_if_throttled(device) -> None:
    allowed, info = device.verify_is_allowed()
    if not allowed:
        locked_until = (info or {}).get("locked_until")
        seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1) if locked_until else 1
        raise CodeThrottled(seconds)


def _base32(key: bytes) -> str:
    return base64.b32encode(key).decode("ascii").rstrip("=")
