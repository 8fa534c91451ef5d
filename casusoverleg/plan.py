"""The integraal plan van aanpak (art. 1e, 3, 9.3, 9.4, 10.2e): the draft, its measures and adoption.

A draft is the next version: a copy of the version in force, or an empty first draft. Adopting it
numbers it, supersedes the version in force and records the date and the parties present; every
adopted version is kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from casusoverleg.case import case_fresh, case_lock, case_touch
from casusoverleg.models import Art3Goal, CasusoverlegFile, CasusParticipant, CasusStatus, PlanMeasure, PlanVersion
from core.months import add_months
from parties.models import Party

if TYPE_CHECKING:
    from accounts.models import User


def _draft(file: CasusoverlegFile, by: User) -> PlanVersion:
    """The draft of the next version: a copy of the version in force, or an empty first draft."""
    draft = PlanVersion.objects.filter(file=file, adopted_at__isnull=True).first()
    if draft is not None:
        return draft
    current = PlanVersion.objects.filter(file=file, adopted_at__isnull=False, superseded_at__isnull=True).first()
    draft = PlanVersion.objects.create(file=file, aim=current.aim if current else "")
    if current is not None:
        PlanMeasure.objects.bulk_create(
            PlanMeasure(
                plan=draft,
                description=m.description,
                goal=m.goal,
                responsible_party_id=m.responsible_party_id,
                due_on=m.due_on,
                status=m.status,
            )
            for m in current.measures.all()
        )
    return draft


def plan_draft_open(file: CasusoverlegFile, *, by: User) -> PlanVersion:
    """Start (or continue) the draft of the plan: the first plan or an adjustment (art. 9.4)."""
    with case_lock(file):
        file = case_fresh(file)
        return _draft(file, by)


def plan_draft_update(file: CasusoverlegFile, *, by: User, aim: str, change_note: str = "") -> PlanVersion:
    if not aim.strip():
        raise ValidationError("Beschrijf het doel van het plan van aanpak.", code="doel_ontbreekt")
    with case_lock(file):
        file = case_fresh(file)
        draft = _draft(file, by)
        draft.aim = aim.strip()
        draft.change_note = change_note.strip()
        draft.save(update_fields=["aim", "change_note"])
        case_touch(file)
    return draft


def _participant_party_ids(file: CasusoverlegFile) -> set[int]:
    return set(CasusParticipant.objects.filter(file=file).values_list("party_id", flat=True))


def plan_measure_add(
    file: CasusoverlegFile,
    *,
    by: User,
    description: str,
    goal: str,
    responsible_party: Party,
    due_on: datetime.date,
) -> PlanMeasure:
    """Art. 3, 10.2e: a measure in the draft, with its goal, responsible party and due date."""
    if not description.strip():
        raise ValidationError("Beschrijf de maatregel.", code="maatregel_leeg")
    if goal not in Art3Goal.values:
        raise ValidationError(
            "Kies het doel uit artikel 3 (a tot en met f) dat de maatregel dient.", code="doel_art3_ongeldig"
        )
    with case_lock(file):
        file = case_fresh(file)
        if responsible_party.pk not in _participant_party_ids(file):
            raise ValidationError(
                "De verantwoordelijke partij moet deelnemen aan dit casusoverleg.",
                code="verantwoordelijke_geen_deelnemer",
            )
        draft = _draft(file, by)
        measure = PlanMeasure.objects.create(
            plan=draft, description=description.strip(), goal=goal, responsible_party=responsible_party, due_on=due_on
        )
        case_touch(file)
    return measure


def plan_measure_remove(file: CasusoverlegFile, *, by: User, measure_id: int) -> None:
    with case_lock(file):
        file = case_fresh(file)
        deleted, _ = PlanMeasure.objects.filter(pk=measure_id, plan__file=file, plan__adopted_at__isnull=True).delete()
        if not deleted:
            raise ValidationError(
                "Deze maatregel staat niet in het concept en kan niet worden verwijderd.",
                code="maatregel_niet_in_concept",
            )
        case_touch(file)


def _adopt(file: CasusoverlegFile, by: User, adopted_on: datetime.date, present: list[Party]) -> PlanVersion:
    draft = PlanVersion.objects.filter(file=file, adopted_at__isnull=True).first()
    if draft is None:
        raise ValidationError(
            "Er is geen concept om vast te stellen; mogelijk heeft een collega het al vastgesteld.",
            code="geen_concept",
        )
    if not draft.aim.strip():
        raise ValidationError("Het plan heeft nog geen doel.", code="plan_zonder_doel")
    if not draft.measures.exists():
        raise ValidationError("Het plan heeft nog geen maatregelen.", code="plan_zonder_maatregelen")
    if adopted_on > timezone.localdate():
        raise ValidationError("De datum van het casusoverleg kan niet in de toekomst liggen.", code="datum_toekomst")
    participant_ids = _participant_party_ids(file)
    if not present or any(p.pk not in participant_ids for p in present):
        raise ValidationError(
            "Kies welke deelnemende partijen aanwezig waren bij het vaststellen.", code="aanwezigen_ongeldig"
        )
    current = PlanVersion.objects.filter(file=file, adopted_at__isnull=False, superseded_at__isnull=True).first()
    now = timezone.now()
    if current is not None:
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
    last = PlanVersion.objects.filter(file=file, number__isnull=False).order_by("-number").first()
    draft.number = (last.number if last else 0) + 1
    draft.adopted_on = adopted_on
    draft.adopted_at = now
    draft.adopted_by = by
    draft.save(update_fields=["number", "adopted_on", "adopted_at", "adopted_by"])
    draft.present_parties.set(present)
    fields = {}
    if file.status == CasusStatus.GEAGENDEERD:
        fields["status"] = CasusStatus.IN_UITVOERING
    if file.next_review_on is None:
        fields["next_review_on"] = add_months(adopted_on, file.review_interval_months)
    case_touch(file, **fields)
    return draft


def plan_adopt(
    file: CasusoverlegFile, *, by: User, adopted_on: datetime.date, present_parties: Iterable[Party]
) -> PlanVersion:
    """Art. 9.3-4: the casusoverleg adopts the draft as the next version (date, present parties).

    The first version is adopted inside the 'vaststellen' task (under its lock, via
    ``core.tasks.task_complete``); later versions (adjustments) take the same lock here.
    """
    present = list(present_parties)
    with case_lock(file):  # inside task_complete the same row lock is already held: re-entrant
        return _adopt(case_fresh(file), by, adopted_on, present)
