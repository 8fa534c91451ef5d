"""Changing the register: the earlier text is kept as a version, with who, when and why."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from processing.models import EDITABLE_FIELDS, ProcessingActivity, ProcessingActivityVersion


@transaction.atomic
def processing_activity_update(activity: ProcessingActivity, *, by, reason: str, changes: dict) -> ProcessingActivity:
    """Art. 5: the uitvoerder keeps the register; each change keeps the text it replaces."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Geef een reden voor de wijziging.", code="reason_required")
    activity = ProcessingActivity.objects.select_for_update().get(pk=activity.pk)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError("Dit onderdeel van het register kan niet worden gewijzigd.", code="not_editable")
    if all(getattr(activity, f) == v for f, v in changes.items()):
        raise ValidationError("Er is niets gewijzigd.", code="unchanged")
    number = activity.versions.count() + 1
    ProcessingActivityVersion.objects.create(
        activity=activity,
        number=number,
        valid_from=activity.updated_at,
        valid_until=timezone.now(),
        changed_by=by,
        reason=reason,
        **{f: getattr(activity, f) for f in EDITABLE_FIELDS},
    )
    for field, value in changes.items():
        setattr(activity, field, value)
    activity.updated_at, activity.updated_by = timezone.now(), by
    activity.full_clean()
    activity.save()
    return activity
