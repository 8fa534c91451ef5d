"""Demo users, one per role (dev and test settings only)."""

from __future__ import annotations

import dataclasses
import hashlib

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.otp import TOTP_NAME
from accounts.roles import Role
from accounts.services import user_roles_set
from parties.models import Party, PartyKind, PartyRole
from parties.services import parties_seed

DEMO_PASSWORD = "Limburg-demo-2026"  # noqa: S105 - demo only; load_demo refuses in production
DEMO_EXTERNAL_PARTNER = "Stichting Voorbeeld Jeugdhulp (demo)"

# username → (role, party name)
DEMO_USERS: dict[str, tuple[Role, str]] = {
    "melder": (Role.MELDER, "De gemeente Maastricht"),
    "weegploeglid": (Role.WEEGPLOEGLID, "De politie"),
    "deelnemer": (Role.CASUSOVERLEG_DEELNEMER, "De Reclassering Nederland"),
    "uitvoerder": (Role.UITVOERDER, "De gemeente Heerlen"),
    "redacteur": (Role.BELEIDSREDACTEUR, "De gemeente Venlo"),
    "goedkeurder": (Role.PUBLICATIE_GOEDKEURDER, "Het Openbaar Ministerie"),
    "partner": (Role.EXTERNE_CASUSPARTNER, DEMO_EXTERNAL_PARTNER),
    "beheerder": (Role.FUNCTIONEEL_BEHEERDER, "De gemeente Roermond"),
    "fg": (Role.FUNCTIONARIS_GEGEVENSBESCHERMING, "De gemeente Sittard-Geleen"),
}


@dataclasses.dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    party: str
    otpauth_uri: str


def demo_key(username: str) -> str:
    """A fixed TOTP key per demo user, so the printed secret stays the same between runs."""
    return hashlib.sha256(f"casusoverleg-demo:{username}".encode()).hexdigest()[:40]


@transaction.atomic
def demo_load() -> list[DemoUser]:
    """Create the parties and the demo users (idempotent: existing users are left as they are)."""
    if not settings.DEMO_DATA_ALLOWED:
        raise ImproperlyConfigured("Demogegevens laden is alleen toegestaan met de dev- of testinstellingen.")
    parties_seed()
    Party.objects.get_or_create(
        name=DEMO_EXTERNAL_PARTNER,
        defaults={
            "slug": "demo-jeugdhulp",
            "kind": PartyKind.EXTERNE_CASUSPARTNER,
            "role": PartyRole.EXTERNE_CASUSPARTNER,
        },
    )
    result = []
    for username, (role, party_name) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "party": Party.objects.get(name=party_name),
                "first_name": "Demo",
                "last_name": role.label,
                # Correction notices and escalations need an address (art. 12.6): a demo address.
                "email": f"{username}@demo.invalid",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            user_roles_set(user, [role])
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name=TOTP_NAME, defaults={"key": demo_key(username), "confirmed": True}
        )
        result.append(DemoUser(username, role, user.party.name, device.config_url))
    return result
