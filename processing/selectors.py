"""The register as read: what people wrote, plus what the system knows, computed at read time.

Recipients come from the party registry and the disclosure register, retention from the rules
table of art. 13 (``retention/rules.py``), security from the security plan: a change there is a
change here, without anyone editing the register.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from authorisations.security_plan import MEASURES, Measure
from casusoverleg.models import Disclosure
from parties.models import Party, PartyKind, PartyRole
from processing.models import ProcessingActivity, ProcessingKind
from retention.models import Category
from retention.rules import RULES, RetentionRule

RETENTION_CATEGORIES: dict[str, tuple[str, ...]] = {
    ProcessingKind.WEEGPLOEG: (Category.WEEGPLOEG_NIET_AGENDEREN, Category.WEEGPLOEG),
    ProcessingKind.CASUSOVERLEG: (Category.CASUSOVERLEG,),
    # A rights request is destroyed together with the weegploeg file it concerns.
    ProcessingKind.RECHTEN: (Category.WEEGPLOEG_NIET_AGENDEREN, Category.WEEGPLOEG),
    ProcessingKind.TOEGANGSLOG: (),
}
RECIPIENT_ROLES: dict[str, tuple[str, ...]] = {
    ProcessingKind.WEEGPLOEG: (PartyRole.KERNPARTIJ,),  # art. 8.4
    ProcessingKind.CASUSOVERLEG: (PartyRole.KERNPARTIJ, PartyRole.CASUSPARTIJ),  # art. 10.4
    ProcessingKind.RECHTEN: (PartyRole.KERNPARTIJ,),  # art. 12.1: the uitvoerder, for the kernpartijen
    ProcessingKind.TOEGANGSLOG: (PartyRole.KERNPARTIJ,),  # art. 15.2e: reviewed for the controller
}


@dataclasses.dataclass(frozen=True)
class RegisterEntry:
    activity: ProcessingActivity
    recipients: list[str]
    retention: list[RetentionRule]
    measures: list[Measure]


def _grouped(parties: list[Party]) -> list[str]:
    """Parties by kind: "31 gemeenten", "De politie" — the registry's own names."""
    per_kind = Counter(p.kind for p in parties)
    out = []
    for kind in PartyKind:
        members = [p for p in parties if p.kind == kind]
        if per_kind[kind] > 1:
            out.append(f"{per_kind[kind]} × {kind.label.lower()}: {', '.join(p.name for p in members)}")
        elif members:
            out.append(members[0].name)
    return out


def processing_recipients(kind: str) -> list[str]:
    parties = list(Party.objects.participating().filter(role__in=RECIPIENT_ROLES[kind]).order_by("name"))
    recipients = _grouped(parties)
    if kind == ProcessingKind.CASUSOVERLEG:
        # Art. 10.5: externe casuspartners who received data, from the disclosure register.
        disclosed = Party.objects.filter(pk__in=Disclosure.objects.values("recipient")).order_by("name")
        recipients += [f"{p.name} (externe casuspartner, verstrekking vastgelegd)" for p in disclosed]
    return recipients


def processing_retention(kind: str) -> list[RetentionRule]:
    return [rule for rule in RULES if rule.category in RETENTION_CATEGORIES[kind]]


def processing_register() -> list[RegisterEntry]:
    return [
        RegisterEntry(a, processing_recipients(a.kind), processing_retention(a.kind), list(MEASURES))
        for a in ProcessingActivity.objects.all()
    ]
