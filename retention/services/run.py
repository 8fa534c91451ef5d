"""The daily run of art. 13: ``retention_apply`` is what ``manage.py apply_retention`` runs.

It reads the rules table (``retention.rules``) and works in chunks of file ids (keyset pagination,
one transaction per chunk), so it can be interrupted and re-run: every action re-checks its
condition on rows it has locked (``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL), so a second
run at the same time skips what the first is doing and never destroys a file twice (the
destruction record's file number is unique as a last line of defence).

"Last processing" is the file's ``last_processed_at``: every write, decision or status change in
the weegploeg and casusoverleg services and the flows sets it; reading does not.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from retention.destruction import Doomed
from retention.due import counted_from, due_chunks, due_values, held_files, rule_due, rule_kind
from retention.models import DestructionList, DestructionListItem, ItemStatus, ListStatus
from retention.rules import RULES, Action, RetentionRule, months_after
from retention.services.lists import lists_execute
from retention.services.locking import due_lock, run_lock
from retention.services.logged import files_archive_logged, files_destroy_logged
from retention.services.report import Entry, RunReport, hold_note, reason

DEFAULT_CHUNK_SIZE = 500


def retention_apply(
    *,
    now: datetime.datetime | None = None,
    dry_run: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    out: Callable[[str], object] | None = None,
) -> RunReport:
    """Apply every rule of art. 13 once (idempotent): archive, destroy (13.3), list (13.1),
    and carry out approved destruction lists whose cooling-off period has passed. With ``out``,
    each file's line is written there as the run goes and the report keeps only the counts."""
    now = now or timezone.now()
    report = RunReport(dry_run=dry_run, out=out)
    for rule in RULES:
        if rule.action == Action.ARCHIVE:
            _archive_due(rule, now, report, dry_run, chunk_size)
        elif rule.needs_approval:
            _list_due(rule, now, report, dry_run, chunk_size)
        else:
            _destroy_due(rule, now, report, dry_run, chunk_size)
    lists_execute(now, report, dry_run, chunk_size)
    return report


def _entries(rule: RetentionRule, rows: list[dict]) -> list[Entry]:
    return [Entry(r["number"], rule.code, reason(rule, counted_from(r))) for r in rows]


def _archive_due(rule: RetentionRule, now, report: RunReport, dry_run: bool, chunk_size: int) -> None:
    """Art. 13.2: archive the files whose term ended; a chunk per transaction."""
    for rows in due_chunks(rule_due(rule, now), rule, chunk_size):
        if dry_run:
            report.add("archived", _entries(rule, rows))
            continue
        with transaction.atomic():
            locked = due_lock([r["pk"] for r in rows], rule_due(rule, now))
            archived = files_archive_logged(rule_kind(rule), locked, now=now) if locked else []
        report.add("archived", _entries(rule, archived))


def _destroy_due(rule: RetentionRule, now, report: RunReport, dry_run: bool, chunk_size: int) -> None:
    """Art. 13.3: destroy automatically (no approval), unless held; a chunk per transaction, under
    the run lock (``run_lock``)."""
    kind = rule_kind(rule)
    for rows in due_chunks(rule_due(rule, now), rule, chunk_size):
        if dry_run:
            held = held_files(kind, [r["number"] for r in rows])
            report.add("held", [Entry(n, rule.code, hold_note(h)) for n, h in held.items()])
            report.add("destroyed", _entries(rule, [r for r in rows if r["number"] not in held]))
            continue
        with transaction.atomic():
            run_lock()
            locked = due_lock([r["pk"] for r in rows], rule_due(rule, now))
            held = held_files(kind, [r["number"] for r in locked])
            doomed = [
                Doomed(r["pk"], r["number"], r["last_processed_at"], counted_from(r), rule)
                for r in locked
                if r["number"] not in held
            ]
            records = files_destroy_logged(kind, doomed, now=now)
        report.add("held", [Entry(n, rule.code, hold_note(h)) for n, h in held.items()])
        destroyed = {r.file_number for r in records}
        report.add(
            "destroyed",
            [Entry(d.number, rule.code, reason(rule, d.counted_from)) for d in doomed if d.number in destroyed],
        )


def _concept_list() -> DestructionList:
    existing = DestructionList.objects.filter(status=ListStatus.CONCEPT).order_by("pk").first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return DestructionList.objects.create()
    except IntegrityError:  # another run created it at the same moment
        return DestructionList.objects.get(status=ListStatus.CONCEPT)


def listable(rule: RetentionRule, now, pks: list[int]) -> list[dict]:
    """Of these files, those due under ``rule`` and on no open destruction list: ONE query, so a
    file another run destroyed (its item closed, its row gone) can never look unlisted."""
    on_open_list = DestructionListItem.objects.filter(file_number=OuterRef("number"), status=ItemStatus.OPEN)
    return list(due_values(rule_due(rule, now).filter(pk__in=pks).exclude(Exists(on_open_list)).order_by("pk")))


def _list_due(rule: RetentionRule, now, report: RunReport, dry_run: bool, chunk_size: int) -> None:
    """Art. 13.1: files 5 years after their last processing go on the concept destruction list.
    Each chunk is re-read under the run lock with one consistent query (issue 17 item 7): a file
    a concurrent run destroyed meanwhile is gone, not listed again."""
    kind = rule_kind(rule)
    for rows in due_chunks(rule_due(rule, now), rule, chunk_size):
        with transaction.atomic():
            if not dry_run:
                run_lock()
            fresh = listable(rule, now, [r["pk"] for r in rows])
            held = held_files(kind, [r["number"] for r in fresh])
            new = [r for r in fresh if r["number"] not in held]
            if new and not dry_run:
                target = _concept_list()
                DestructionListItem.objects.bulk_create(
                    [
                        DestructionListItem(
                            destruction_list=target,
                            kind=kind,
                            file_number=r["number"],
                            category=rule.category,
                            rule=rule.code,
                            due_on=months_after(counted_from(r), rule.months),
                        )
                        for r in new
                    ],
                    ignore_conflicts=True,
                )
        report.add("held", [Entry(n, rule.code, hold_note(h)) for n, h in held.items()])
        report.add("listed", _entries(rule, new))
