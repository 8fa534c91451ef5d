"""Monitoring the plan (art. 9.4): the progress review per measure and how often it takes place.

The advice to close that a review may give is decided on in ``casusoverleg.closure``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casusoverleg.case import case_fresh, case_lock, case_touch
from casusoverleg.models import (
    CasusoverlegFile,
    CasusStatus,
    MeasureProgress,
    MeasureStatus,
    PlanVersion,
    ProgressReview,
    ReviewOutcome,
)
from core.months import add_months

if TYPE_CHECKING:
    from accounts.models import User

MAX_INTERVAL_MONTHS = 24


def review_interval_default() -> int:
    """The review interval a new case starts with (art. 9.4), from the settings."""
    return settings.CASUSOVERLEG_REVIEW_INTERVAL_MONTHS


@transaction.atomic
def progress_review_record(
    file: CasusoverlegFile,
    *,
    by: User,
    held_on: datetime.date,
    summary: str,
    items: Iterable[tuple[int, str, str]],
    outcome: str,
    closure_reason: str = "",
) -> ProgressReview:
    """Art. 9.4: progress per measure of the plan in force; continue, or advise closure with a
    reason. Plans the next review ``review_interval_months`` after this one. Runs inside the
    'voortgangsbespreking' task (``core.tasks.task_complete`` holds the lock)."""
    file = case_fresh(file)
    plan = PlanVersion.objects.filter(file=file, adopted_at__isnull=False, superseded_at__isnull=True).first()
    if plan is None:
        raise ValidationError(
            "Er is nog geen vastgesteld plan van aanpak om te bespreken.", code="geen_vastgesteld_plan"
        )
    if held_on > timezone.localdate():
        raise ValidationError("De datum van de bespreking kan niet in de toekomst liggen.", code="datum_toekomst")
    if not summary.strip():
        raise ValidationError("Vat de voortgang samen.", code="samenvatting_ontbreekt")
    if outcome not in ReviewOutcome.values:
        raise ValidationError("Kies: plan voortzetten of afsluiting adviseren.", code="uitkomst_ongeldig")
    if outcome == ReviewOutcome.AFSLUITING_ADVISEREN and not closure_reason.strip():
        raise ValidationError("Geef de reden voor het advies tot afsluiting.", code="reden_afsluiting_ontbreekt")
    measures = {m.pk: m for m in plan.measures.all()}
    given = {measure_id: (status, note) for measure_id, status, note in items}
    if set(given) != set(measures):
        raise ValidationError("Leg de voortgang van elke maatregel van het plan vast.", code="voortgang_onvolledig")
    if any(status not in MeasureStatus.values for status, _ in given.values()):
        raise ValidationError("Kies voor elke maatregel een geldige status.", code="status_ongeldig")
    review = ProgressReview.objects.create(
        file=file,
        plan=plan,
        held_on=held_on,
        summary=summary.strip(),
        outcome=outcome,
        closure_reason=closure_reason.strip() if outcome == ReviewOutcome.AFSLUITING_ADVISEREN else "",
        recorded_by=by,
    )
    MeasureProgress.objects.bulk_create(
        MeasureProgress(review=review, measure_id=pk, status=status, note=note) for pk, (status, note) in given.items()
    )
    for pk, (status, _) in given.items():
        if measures[pk].status != status:
            measures[pk].status = status
            measures[pk].save(update_fields=["status"])

    fields = {"next_review_on": add_months(held_on, file.review_interval_months)}
    if outcome == ReviewOutcome.AFSLUITING_ADVISEREN:
        fields["status"] = CasusStatus.AFSLUITING_GEADVISEERD
    case_touch(file, **fields)
    return review


def review_interval_set(file: CasusoverlegFile, *, by: User, months: int) -> CasusoverlegFile:
    """Art. 9.4: the casusoverleg sets how often this case's progress is reviewed."""
    if not 1 <= months <= MAX_INTERVAL_MONTHS:
        raise ValidationError(
            f"Kies een termijn van 1 tot en met {MAX_INTERVAL_MONTHS} maanden.", code="termijn_ongeldig"
        )

    with case_lock(file):
        file = case_fresh(file)
        last = file.reviews.order_by("-held_on", "-pk").first()
        plan = file.plan_versions.filter(adopted_on__isnull=False).order_by("number").first()
        base = last.held_on if last else (plan.adopted_on if plan else None)
        fields: dict = {"review_interval_months": months}
        if base is not None:
            fields["next_review_on"] = add_months(base, months)
        case_touch(file, **fields)
    return file
