"""Set-based destruction of files (art. 13, issue 18): retention orchestrates, each app destroys its own.

``files_destroy`` destroys a chunk of due, locked, unheld files of one kind in the caller's
transaction, in this order:

1. their viewflow processes that are still open, and those of the rights requests about them, are
   cancelled through viewflow's own cancel transition (``retention.processes``);
2. the app that owns the files deletes them and all their rows (``weegploeg.destruction``,
   ``casusoverleg.destruction``), then the apps that hold something about them do:
   the meetings (``meetings.destruction``) and the rights requests (``rights.destruction``);
3. the processes and their tasks are deleted (``retention.processes``);
4. retention's own free text about them (hold reasons, consultation reasons, reactivation notes)
   is erased, and one verklaring van vernietiging per file records what went, per table.

Each step is one DELETE per table for the whole chunk, never per file.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.utils import timezone

from casusoverleg.destruction import casusoverleg_files_destroy, casusoverleg_sources
from core.bulk_delete import counts_merge
from meetings.destruction import meetings_files_destroy
from retention.files import file_model
from retention.models import (
    ArchiveConsultation,
    DestructionList,
    DestructionRecord,
    FileKind,
    ReactivationOrder,
    RetentionHold,
)
from retention.processes import processes_cancel, processes_delete, processes_of
from retention.rules import RetentionRule, months_after
from rights.destruction import rights_requests_about, rights_requests_destroy
from rights.models import RightsRequest
from weegploeg.destruction import weegploeg_files_destroy
from weegploeg.models import WeegploegFile

ERASED = "[vernietigd]"

DESTROYERS: dict[str, Callable[[Iterable[int]], dict[int, Counter]]] = {
    FileKind.WEEGPLOEG: weegploeg_files_destroy,
    FileKind.CASUSOVERLEG: casusoverleg_files_destroy,
}


@dataclasses.dataclass(frozen=True)
class Doomed:
    """A file that is due, locked and not held: it is destroyed under ``rule``."""

    pk: int
    number: str
    last_processed_at: datetime.datetime
    counted_from: datetime.date
    rule: RetentionRule


def _rights_requests(kind: str, doomed: list[Doomed]) -> dict[int, str]:
    """Request id → doomed file number: the rights requests about these files. A casusoverleg file
    answers for the requests about the weegploeg file it was copied from once that file is gone."""
    if kind == FileKind.WEEGPLOEG:
        return rights_requests_about(d.number for d in doomed)
    number_of = {d.pk: d.number for d in doomed}
    copied_from = {source: number_of[pk] for pk, source in casusoverleg_sources(number_of).items()}
    still = set(WeegploegFile.objects.filter(number__in=list(copied_from)).values_list("number", flat=True))
    orphaned = [source for source in copied_from if source not in still]
    return {request: copied_from[source] for request, source in rights_requests_about(orphaned).items()}


def _cancelled(kind: str, doomed: list[Doomed]) -> tuple[list[Doomed], dict[int, str], dict[int, str]]:
    """Cancel the open processes of these files and of the rights requests about them. Returns the
    files whose processes are all cancelled (a file whose flow another transaction holds is left
    for the next run), their requests, and every process id → file number."""
    number_of = {d.pk: d.number for d in doomed}
    requests = _rights_requests(kind, doomed)
    owner = {p: number_of[pk] for p, pk in processes_of(file_model(kind), number_of).items()}
    owner |= {p: requests[r] for p, r in processes_of(RightsRequest, requests).items()}
    busy = {owner[p] for p in processes_cancel(owner)}
    if busy:
        doomed = [d for d in doomed if d.number not in busy]
        requests = {r: n for r, n in requests.items() if n not in busy}
        owner = {p: n for p, n in owner.items() if n not in busy}
    return doomed, requests, owner


def files_destroy(
    kind: str,
    doomed: list[Doomed],
    *,
    now: datetime.datetime | None = None,
    destruction_list: DestructionList | None = None,
) -> list[DestructionRecord]:
    """Destroy these files completely (art. 13), in the caller's transaction, and return their
    verklaringen van vernietiging (one ``DestructionRecord`` per file destroyed, no personal data).

    Gone: the subject's rows in each file (subject, signals with their intake answers, analyses,
    decision, information duty and its follow-ups; or the casusoverleg copy, plan versions,
    measures, reviews, persons, contributions, advice, disclosures), what the meetings hold about
    it, the viewflow processes and tasks of its flows (with their JSON data), finished rights
    requests about it, the free-text reasons of holds and archive consultations. Kept: the access
    log (pseudonymous numbers only) and the records. Nothing of these models is in the Wagtail
    search index, in Wagtail's log or stored as a generated file (PDFs are rendered on request).

    A file whose open process another transaction has locked right now is not destroyed (it has
    no record); the next run destroys it.
    """
    now = now or timezone.now()
    doomed, requests, process_owner = _cancelled(kind, doomed)
    if not doomed:
        return []
    number_of = {d.pk: d.number for d in doomed}
    numbers = list(number_of.values())
    removed: dict[str, Counter] = defaultdict(Counter)
    counts_merge(removed, DESTROYERS[kind](number_of), owner=number_of)
    counts_merge(removed, meetings_files_destroy(numbers))
    counts_merge(removed, rights_requests_destroy(requests), owner=requests)
    counts_merge(removed, processes_delete(process_owner))
    RetentionHold.objects.filter(file_number__in=numbers).update(reason=ERASED)
    RetentionHold.objects.filter(file_number__in=numbers, released_at__isnull=True).update(released_at=now)
    ArchiveConsultation.objects.filter(file_number__in=numbers).update(reason=ERASED)
    ReactivationOrder.objects.filter(file_number__in=numbers).update(note=ERASED)
    records = [
        DestructionRecord(
            kind=kind,
            file_number=d.number,
            category=d.rule.category,
            rule=d.rule.code,
            article=d.rule.article,
            last_processed_on=timezone.localtime(d.last_processed_at).date(),
            counted_from=d.counted_from,
            due_on=months_after(d.counted_from, d.rule.months),
            destroyed_at=now,
            destruction_list=destruction_list,
            approved_by=destruction_list.approved_by if destruction_list else None,
            approved_at=destruction_list.approved_at if destruction_list else None,
            removed=dict(sorted(removed[d.number].items())),
        )
        for d in doomed
    ]
    return DestructionRecord.objects.bulk_create(records)
