"""Business logic for the party registry."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core import tasks as task_lifecycle
from parties.access_rules import may_record_notice
from parties.models import CONVENANT_IN_FORCE, NOTICE_PERIOD_MONTHS, ROLE_FOR_KIND, Party, PartyKind

GEMEENTEN = [
    "Beek", "Beekdaelen", "Beesel", "Bergen", "Brunssum", "Echt-Susteren", "Eijsden-Margraten",
    "Gennep", "Gulpen-Wittem", "Heerlen", "Horst aan de Maas", "Kerkrade", "Landgraaf", "Leudal",
    "Maasgouw", "Maastricht", "Meerssen", "Mook en Middelaar", "Nederweert", "Peel en Maas",
    "Roerdalen", "Roermond", "Simpelveld", "Sittard-Geleen", "Stein", "Vaals",
    "Valkenburg aan de Geul", "Venlo", "Venray", "Voerendaal", "Weert",
]  # fmt: skip

# The 35 parties exactly as the signed text names them (section "Partijen").
CONVENANT_PARTIES: list[tuple[str, str]] = [
    *[(f"De gemeente {name}", PartyKind.GEMEENTE) for name in GEMEENTEN],
    ("Het Openbaar Ministerie", PartyKind.OPENBAAR_MINISTERIE),
    ("De politie", PartyKind.POLITIE),
    ("De Raad voor de kinderbescherming", PartyKind.RAAD_KINDERBESCHERMING),
    ("De Reclassering Nederland", PartyKind.RECLASSERING),
]

# The signature block of the copy we hold (signed by Gennep).
SIGNATURES = {"De gemeente Gennep": ("Burgemeester van Beek", datetime.date(2020, 1, 7))}


def party_slug(name: str) -> str:
    """A stable code for a party name: "De gemeente Mook en Middelaar" → "gemeente-mook-en-middelaar"."""
    words = name.split()
    if words and words[0].lower() in {"de", "het"}:
        words = words[1:]
    return slugify(" ".join(words))


def parties_seed(party_model: type[Party] = Party) -> int:
    """Create the convenant's parties that are missing; return how many were created.

    Idempotent: existing parties (and whatever the functioneel beheerder changed since) are
    left as they are. ``party_model`` lets a data migration pass its historical model.
    """
    created = 0
    for name, kind in CONVENANT_PARTIES:
        representative, signed_on = SIGNATURES.get(name, ("", None))
        _, was_created = party_model.objects.get_or_create(
            name=name,
            defaults={
                "slug": party_slug(name),
                "kind": kind,
                "role": ROLE_FOR_KIND[kind],
                "joined_on": CONVENANT_IN_FORCE,
                "representative": representative,
                "signed_on": signed_on,
            },
        )
        created += was_created
    return created


def party_participation_end(notice_given_on: datetime.date) -> datetime.date:
    """Art. 18.2: participation ends three months after notice is given."""
    month = notice_given_on.month - 1 + NOTICE_PERIOD_MONTHS
    year = notice_given_on.year + month // 12
    month = month % 12 + 1
    # Clamp to the month's last day (31 October + 3 months → 31 January; 30 November → 28/29 February).
    for day in (notice_given_on.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def party_give_notice(party: Party, notice_given_on: datetime.date) -> Party:
    """Record a party's notice (art. 18.2); its users lose access on the end date."""
    party.notice_given_on = notice_given_on
    party.participation_ends_on = party_participation_end(notice_given_on)
    party.save(update_fields=["notice_given_on", "participation_ends_on"])
    return party


def party_notice_record(party: Party, *, by, notice_given_on: datetime.date) -> Party:
    """Art. 18.2: the uitvoerder or the functioneel beheerder records that ``party`` gave notice on
    ``notice_given_on``; three months later its users can no longer log in
    (``accounts.services.user_may_log_in``). Its contributions to the files stay, and so do its
    users' accepted secrecy duties (art. 14.2: the duty outlasts the participation)."""
    if not may_record_notice(by):
        raise PermissionDenied("Alleen de uitvoerder of de functioneel beheerder legt een opzegging vast.")
    with transaction.atomic():
        party = Party.objects.select_for_update().get(pk=party.pk)
        if party.notice_given_on is not None:
            raise ValidationError(
                f"{party.name} heeft al opgezegd op {party.notice_given_on:%d-%m-%Y}.", code="al_opgezegd"
            )
        if notice_given_on > timezone.localdate():
            raise ValidationError(
                "De datum van de opzegging kan niet in de toekomst liggen.", code="opzegging_toekomst"
            )
        if notice_given_on < party.joined_on:
            raise ValidationError("De opzegdatum ligt vóór de datum van deelname.", code="opzegging_voor_deelname")
        return party_give_notice(party, notice_given_on)


def parties_tasks_release(party: Party, *, by) -> int:
    """Art. 18.2: once ``party``'s participation has ended, its users' open tasks go back to their
    group's queue (the uitvoerder hands them on, ``core.tasks.task_reassign``); tasks that wait
    for the party itself stay flagged (``parties.selectors.departed_party_tasks``). Returns how many."""
    if not may_record_notice(by):
        raise PermissionDenied("Alleen de uitvoerder of de functioneel beheerder geeft deze taken terug.")
    if party.is_participating():
        raise ValidationError(
            f"{party.name} neemt nog deel; de taken van haar gebruikers blijven staan.", code="partij_neemt_deel"
        )
    released = 0
    for task in Task.objects.filter(status=STATUS.ASSIGNED, owner__party=party).select_related("owner").order_by("pk"):
        try:
            task_lifecycle.task_release(task, task.owner)  # on behalf of the user who left
        except task_lifecycle.TaskUnavailable:
            continue  # done or changed meanwhile: it is no longer this party's
        released += 1
    return released
