"""Destruction lists (art. 13.1): the uitvoerder approves or cancels a list; after the cooling-off
period the run carries out an approved one, a chunk of items per transaction, set-based."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from retention.destruction import Doomed
from retention.due import counted_from, due_rows, held_files, rule_due, rule_kind
from retention.files import file_model
from retention.models import DestructionList, DestructionListItem, DestructionRecord, ItemStatus, ListStatus
from retention.rules import RULES_BY_CODE, cooling_off_days
from retention.selectors import retention_may_manage
from retention.services.locking import due_lock, run_lock
from retention.services.logged import files_destroy_logged
from retention.services.report import Entry, RunReport, hold_note

if TYPE_CHECKING:
    from accounts.models import User


def destruction_list_approve(dlist: DestructionList, *, by: User) -> DestructionList:
    """Art. 13.1: the uitvoerder approves the list; destruction follows after the cooling-off period."""
    if not retention_may_manage(by):
        raise PermissionDenied("Alleen de uitvoerder keurt een vernietigingslijst goed.")
    now = timezone.now()
    with transaction.atomic():
        locked = DestructionList.objects.select_for_update().get(pk=dlist.pk)
        if locked.status != ListStatus.CONCEPT:
            raise ValidationError(
                "Deze lijst is niet (meer) in concept en kan niet worden goedgekeurd.", code="list_not_concept"
            )
        if not locked.items.filter(status=ItemStatus.OPEN).exists():
            raise ValidationError("Deze lijst bevat geen dossiers.", code="list_empty")
        locked.status = ListStatus.GOEDGEKEURD
        locked.approved_by = by
        locked.approved_at = now
        locked.cooling_off_until = now + datetime.timedelta(days=cooling_off_days())
        locked.save(update_fields=["status", "approved_by", "approved_at", "cooling_off_until"])
    return locked


def destruction_list_cancel(dlist: DestructionList, *, by: User) -> DestructionList:
    """Cancel a concept list, or an approved one during its cooling-off period. Its files are
    freed: the next run puts those still due on a new concept list."""
    if not retention_may_manage(by):
        raise PermissionDenied("Alleen de uitvoerder annuleert een vernietigingslijst.")
    now = timezone.now()
    with transaction.atomic():
        locked = DestructionList.objects.select_for_update().get(pk=dlist.pk)
        if locked.status == ListStatus.GOEDGEKEURD and locked.cooling_off_until <= now:
            raise ValidationError(
                "De bedenktijd is verstreken; deze lijst kan niet meer worden geannuleerd.", code="cooling_off_over"
            )
        if locked.status not in (ListStatus.CONCEPT, ListStatus.GOEDGEKEURD):
            raise ValidationError("Deze lijst is al geannuleerd of uitgevoerd.", code="list_closed")
        locked.status = ListStatus.GEANNULEERD
        locked.cancelled_by = by
        locked.cancelled_at = now
        locked.save(update_fields=["status", "cancelled_by", "cancelled_at"])
        locked.items.filter(status=ItemStatus.OPEN).update(status=ItemStatus.VERVALLEN)
    return locked


def lists_execute(now: datetime.datetime, report: RunReport, dry_run: bool, chunk_size: int) -> None:
    """Destroy the files of approved lists whose cooling-off period has passed (a chunk of items
    per transaction, set-based)."""
    due_lists = DestructionList.objects.filter(status=ListStatus.GOEDGEKEURD, cooling_off_until__lte=now).order_by("pk")
    for dlist in due_lists:
        last = 0
        while True:
            items = list(dlist.items.filter(status=ItemStatus.OPEN, pk__gt=last).order_by("pk")[:chunk_size])
            if not items:
                break
            last = items[-1].pk
            _execute_items(dlist, items, now, report, dry_run)
        if not dry_run and not dlist.items.filter(status=ItemStatus.OPEN).exists():
            DestructionList.objects.filter(pk=dlist.pk, status=ListStatus.GOEDGEKEURD).update(
                status=ListStatus.UITGEVOERD, executed_at=now
            )


def _execute_items(dlist: DestructionList, items: list, now, report: RunReport, dry_run: bool) -> None:
    by_kind: dict[str, list[str]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item.file_number)
    held = {}
    for kind, numbers in by_kind.items():
        held.update(held_files(kind, numbers))
    by_rule: dict[str, list] = {}
    for item in items:
        if item.file_number in held:
            report.add("held", [Entry(item.file_number, item.rule, hold_note(held[item.file_number]))])
            continue  # stays on the list: destroyed by a later run once the hold has ended
        by_rule.setdefault(item.rule, []).append(item)
    note = f"vernietigingslijst {dlist.pk}"
    for code, rule_items in by_rule.items():
        rule = RULES_BY_CODE[code]
        if dry_run:
            rows = due_rows(rule, now, [i.file_number for i in rule_items])
            for item in rule_items:
                if item.file_number in rows:
                    report.add("destroyed", [Entry(item.file_number, code, note)])
                else:
                    report.add("skipped", [Entry(item.file_number, code, _skip_note(item))])
            continue
        with transaction.atomic():
            run_lock()
            locked_items = list(
                DestructionListItem.objects.select_for_update(skip_locked=True).filter(
                    pk__in=[i.pk for i in rule_items], status=ItemStatus.OPEN
                )
            )
            rows = due_rows(rule, now, [i.file_number for i in locked_items])  # read under the run lock
            locked_rows = due_lock(
                [rows[i.file_number]["pk"] for i in locked_items if i.file_number in rows], rule_due(rule, now)
            )
            locked_numbers = {r["number"] for r in locked_rows}
            skipped = [i for i in locked_items if i.file_number not in locked_numbers]
            notes = {i.pk: _skip_note(i) for i in skipped}
            DestructionListItem.objects.filter(pk__in=[i.pk for i in skipped]).update(status=ItemStatus.OVERGESLAGEN)
            doomed = [
                Doomed(r["pk"], r["number"], r["last_processed_at"], counted_from(rows[r["number"]]), rule)
                for r in locked_rows
            ]
            records = files_destroy_logged(rule_kind(rule), doomed, now=now, destruction_list=dlist)
            destroyed = {r.file_number for r in records}  # a file whose flow is busy stays open on the list
            DestructionListItem.objects.filter(
                pk__in=[i.pk for i in locked_items if i.file_number in destroyed]
            ).update(status=ItemStatus.VERNIETIGD)
        report.add("skipped", [Entry(i.file_number, code, notes[i.pk]) for i in skipped])
        report.add("destroyed", [Entry(d.number, code, note) for d in doomed if d.number in destroyed])


def _skip_note(item: DestructionListItem) -> str:
    """Why a listed file is not destroyed, as it is: gone already, or processed again (its term
    restarted), never the one for the other."""
    record = DestructionRecord.objects.filter(kind=item.kind, file_number=item.file_number).first()
    if record is not None:
        return f"Al vernietigd op {timezone.localtime(record.destroyed_at):%d-%m-%Y} (verklaring van vernietiging)."
    if not file_model(item.kind).objects.filter(number=item.file_number).exists():
        return "Het dossier bestaat niet meer."
    return "Opnieuw verwerkt sinds plaatsing op de lijst."
