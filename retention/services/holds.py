"""Holds (art. 13.1): the uitvoerder blocks the destruction of a file while a complaint, incident
or other matter runs, and ends the block. Which holds apply is read in ``retention.holds``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from retention.files import kind_of
from retention.models import HoldKind, RetentionHold
from retention.selectors import retention_may_manage

if TYPE_CHECKING:
    from accounts.models import User


def hold_place(*, by: User, number: str, kind: str, reason: str, incident=None) -> RetentionHold:
    """Art. 13.1: block the destruction of a file while a complaint, incident or other matter runs."""
    if not retention_may_manage(by):
        raise PermissionDenied("Alleen de uitvoerder plaatst een blokkade.")
    number = (number or "").strip().upper()
    if kind not in HoldKind.values or kind == HoldKind.RECHTENVERZOEK:
        raise ValidationError("Kies de soort blokkade: klacht, incident of anders.", code="hold_kind")
    if not reason.strip():
        raise ValidationError("Geef de reden van de blokkade.", code="hold_reason")
    if kind == HoldKind.INCIDENT and incident is None:
        raise ValidationError("Kies het incident waarop de blokkade betrekking heeft.", code="hold_incident")
    if kind_of(number) is None:
        raise ValidationError("Er is geen dossier met dit nummer.", code="no_such_file")
    return RetentionHold.objects.create(
        file_number=number, kind=kind, reason=reason.strip(), incident=incident, placed_by=by
    )


def hold_release(hold: RetentionHold, *, by: User) -> RetentionHold:
    if not retention_may_manage(by):
        raise PermissionDenied("Alleen de uitvoerder beëindigt een blokkade.")
    updated = RetentionHold.objects.filter(pk=hold.pk, released_at__isnull=True).update(
        released_at=timezone.now(), released_by=by
    )
    if not updated:
        raise ValidationError("Deze blokkade is al beëindigd.", code="hold_released")
    hold.refresh_from_db()
    return hold
