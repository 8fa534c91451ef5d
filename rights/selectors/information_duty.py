"""The deferred information duties still open and the date each is judged again (art. 11.3-5)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from rights.models import InformationDutyFollowUp
from weegploeg.models import DutyOutcome, InformationDuty


def deferred_duties_open() -> QuerySet:
    """Art. 11.4-5: deferred information duties not yet fulfilled, with their next check date."""
    return (
        InformationDuty.objects.filter(outcome=DutyOutcome.DEFER, informed_on__isnull=True)
        .exclude(follow_up__informed_on__isnull=False)
        .select_related("file", "follow_up")
        .order_by("recheck_on", "pk")
    )


def duty_next_check(duty) -> datetime.date | None:
    follow_up: InformationDutyFollowUp | None = getattr(duty, "follow_up", None)
    if follow_up is not None and follow_up.next_check_on:
        return follow_up.next_check_on
    return duty.recheck_on
