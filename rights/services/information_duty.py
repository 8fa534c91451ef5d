"""Information duty follow-up (art. 11.3-5): a deferred duty is judged again until no art. 41 UAVG
ground remains, and the subject is then informed."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.months import add_months
from rights.models import FollowUpCheck, InformationDutyFollowUp
from weegploeg.models import Art41Ground, DutyOutcome, InformationDuty

if TYPE_CHECKING:
    from accounts.models import User


def recheck_months() -> int:
    """Art. 11.3-5: ``RIGHTS_INFORMATION_RECHECK_MONTHS`` (default 3)."""
    return settings.RIGHTS_INFORMATION_RECHECK_MONTHS


def follow_up_for(duty: InformationDuty) -> InformationDutyFollowUp:
    follow_up, _ = InformationDutyFollowUp.objects.get_or_create(
        duty=duty, defaults={"interval_months": recheck_months(), "next_check_on": duty.recheck_on}
    )
    return follow_up


@transaction.atomic
def information_duty_check(
    duty: InformationDuty,
    *,
    by: User,
    checked_on: datetime.date,
    ground_remains: bool,
    note: str,
    ground: str = "",
    next_check_on: datetime.date | None = None,
) -> FollowUpCheck:
    """Art. 11.3-5: judge a deferred information duty again. While a ground remains, the next check is
    planned (default: ``RIGHTS_INFORMATION_RECHECK_MONTHS`` later); when none remains, the subject is
    informed (also when no measures followed, art. 11.5) and the date is recorded in both places."""
    duty = InformationDuty.objects.select_for_update().get(pk=duty.pk)
    if duty.outcome != DutyOutcome.DEFER or duty.informed_on is not None:
        raise ValidationError(
            "Voor dit dossier is de informatieplicht al nagekomen.", code="informatieplicht_nagekomen"
        )
    today = timezone.localdate()
    if checked_on > today:
        raise ValidationError("De datum van beoordeling kan niet in de toekomst liggen.", code="datum_in_toekomst")
    if not note.strip():
        raise ValidationError("Maak een aantekening van de beoordeling (art. 11.4).", code="aantekening_ontbreekt")
    follow_up = follow_up_for(duty)
    if ground_remains:
        if ground not in Art41Ground.values:
            raise ValidationError("Kies de grond uit artikel 41 UAVG die nog bestaat.", code="grond_ontbreekt")
        next_check_on = next_check_on or add_months(checked_on, follow_up.interval_months)
        if next_check_on <= today:
            raise ValidationError(
                "Kies een datum in de toekomst voor de volgende beoordeling.", code="herbeoordeling_ongeldig"
            )
        follow_up.next_check_on = next_check_on
        follow_up.save(update_fields=["next_check_on"])
    else:
        ground = ""
        follow_up.next_check_on = None
        follow_up.informed_on = checked_on
        follow_up.informed_by = by
        follow_up.save(update_fields=["next_check_on", "informed_on", "informed_by"])
        duty.informed_on = checked_on
        duty.save(update_fields=["informed_on"])
    return FollowUpCheck.objects.create(
        follow_up=follow_up,
        checked_on=checked_on,
        ground_remains=ground_remains,
        ground=ground,
        note=note.strip(),
        checked_by=by,
    )
