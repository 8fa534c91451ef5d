"""Reactivation (art. 13.4): on the controller's recorded order, an archived file goes back to the
weegploeg for renewed processing."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.processes import ProcessKind, process_start
from retention.files import archived_file, kind_of
from retention.models import DestructionListItem, FileKind, ItemStatus, ReactivationOrder
from retention.selectors import retention_may_manage

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def file_reactivate(*, by: User, number: str, order_reference: str, ordered_on: datetime.date, note: str):
    """Art. 13.4: on the controller's recorded order, archived data go back to the weegploeg for
    renewed processing. The file is active again and its terms restart from now."""
    if not retention_may_manage(by):
        raise PermissionDenied("Alleen de uitvoerder legt een opdracht tot heractivering vast.")
    number = (number or "").strip().upper()
    if not order_reference.strip() or not note.strip():
        raise ValidationError(
            "Vul het kenmerk van de opdracht van de verwerkingsverantwoordelijke en een toelichting in.",
            code="order_incomplete",
        )
    if ordered_on > timezone.localdate():
        raise ValidationError("De datum van de opdracht kan niet in de toekomst liggen.", code="order_in_future")
    kind = kind_of(number)
    file = archived_file(kind, number) if kind else None
    if file is None:
        raise ValidationError("Er is geen gearchiveerd dossier met dit nummer.", code="no_archived_file")
    order = ReactivationOrder.objects.create(
        kind=kind,
        file_number=number,
        order_reference=order_reference.strip(),
        ordered_on=ordered_on,
        note=note.strip(),
        recorded_by=by,
    )
    now = timezone.now()
    type(file).objects.filter(pk=file.pk).update(archived_at=None, last_processed_at=now)
    DestructionListItem.objects.filter(file_number=number, status=ItemStatus.OPEN).update(
        status=ItemStatus.OVERGESLAGEN
    )
    if kind == FileKind.WEEGPLOEG:
        file.refresh_from_db()
        process_start(ProcessKind.ACCURACY_REVIEW, file=file)  # renewed processing: the weegploeg gets a task
    # The access-log row is the screen's (the entry point writes it with this change, in one transaction).
    return order
