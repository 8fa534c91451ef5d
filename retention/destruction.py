"""Set-based destruction of files (art. 13, issue 18): a chunk of files at a time, one DELETE per table.

``files_destroy`` destroys a chunk of files of one kind in the caller's transaction. It walks the
CASCADE relations of the file model once (``cascade_plan``), counts the rows per file with one
``GROUP BY`` query per table (for each file's verklaring van vernietiging), then deletes each table
for the whole chunk, children first, so no delete has to look for cascades row by row. The viewflow
processes and tasks of the files' flows and finished rights requests about them go the same way.
"""

from __future__ import annotations

import dataclasses
import datetime
import graphlib
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable

from django.db import models
from django.db.models import Count
from django.utils import timezone

from casusoverleg.models import CasusoverlegFile
from retention.models import (
    ArchiveConsultation,
    DestructionList,
    DestructionRecord,
    FileKind,
    ReactivationOrder,
    RetentionHold,
)
from retention.rules import RetentionRule, months_after
from weegploeg.models import WeegploegFile

ERASED = "[vernietigd]"


@dataclasses.dataclass(frozen=True)
class Doomed:
    """A file that is due, locked and not held: it is destroyed under ``rule``."""

    pk: int
    number: str
    last_processed_at: datetime.datetime
    counted_from: datetime.date
    rule: RetentionRule


def cascade_plan(root: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """``root`` and every model that CASCADEs from it, with the lookup path from that model to the
    root ("" for the root itself), in an order that deletes every row before the rows it points to."""
    paths: dict[type[models.Model], str] = {root: ""}
    depth = {root: 0}
    queue = [root]
    while queue:
        model = queue.pop(0)
        for rel in model._meta.related_objects:
            if rel.many_to_many or rel.on_delete is not models.CASCADE or rel.related_model in paths:
                continue
            prefix = paths[model]
            paths[rel.related_model] = f"{rel.field.name}__{prefix}" if prefix else rel.field.name
            depth[rel.related_model] = depth[model] + 1
            queue.append(rel.related_model)
    graph: dict[type[models.Model], set[type[models.Model]]] = {m: set() for m in paths}
    for model in paths:
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            # ``model`` points to ``target``: delete ``model`` first. A link to a deeper model (a
            # viewflow subprocess's parent task) is left to Django's own cascade: no cycle.
            if target in paths and target is not model and depth[target] <= depth[model]:
                graph[target].add(model)
    return [(m, paths[m]) for m in graphlib.TopologicalSorter(graph).static_order()]


def _lookup(path: str, field: str) -> str:
    return f"{path}__{field}" if path else field


def grouped_delete(root: type[models.Model], field: str, keys: Iterable[Hashable]) -> dict[Hashable, Counter]:
    """Delete the ``root`` rows whose ``field`` is in ``keys`` and everything cascading from them, one
    DELETE per table; return the number of rows removed per key and per table."""
    keys = list(set(keys))
    removed: dict[Hashable, Counter] = defaultdict(Counter)
    if not keys:
        return removed
    plan = cascade_plan(root)
    for model, path in plan:
        lookup = _lookup(path, field)
        rows = (
            model._base_manager.filter(**{f"{lookup}__in": keys})
            .order_by()
            .values_list(lookup)
            .annotate(n=Count("pk"))
            .values_list(lookup, "n")
        )
        for key, n in rows:
            removed[key][model._meta.label] += n
    for model, path in plan:
        model._base_manager.filter(**{f"{_lookup(path, field)}__in": keys}).delete()
    return removed


def _process_map(kind: str, file_pks: list[int]) -> dict[int, int]:
    """process id → file pk: the file's own flow and its accuracy reviews (art. 8.3, 10.3): every
    process whose artifact is the file."""
    from django.contrib.contenttypes.models import ContentType
    from viewflow.workflow.models import Process

    model = CasusoverlegFile if kind == FileKind.CASUSOVERLEG else WeegploegFile
    result = {
        process_id: pk
        for pk, process_id in model.objects.filter(pk__in=file_pks).values_list("pk", "process_id")
        if process_id
    }
    ct = ContentType.objects.get_for_model(model)
    for process_id, object_id in Process.objects.filter(
        artifact_content_type=ct, artifact_object_id__in=file_pks
    ).values_list("pk", "artifact_object_id"):
        result[process_id] = int(object_id)
    return result


def _processes_delete(owner_of: dict[int, Hashable], removed: dict[Hashable, Counter]) -> None:
    """Viewflow's process and task rows (with their JSON ``data``), counted for their owner."""
    from viewflow.workflow.models import Process

    for process_id, counts in grouped_delete(Process, "pk", owner_of).items():
        removed[owner_of[process_id]].update(counts)


def _rights_requests_delete(numbers: list[str], removed: dict[str, Counter]) -> None:
    """Finished rights requests about these weegploeg numbers (reply address, asked corrections)."""
    from rights.models import RightsRequest

    process_of = dict(
        RightsRequest.objects.filter(weegploeg_number__in=numbers, process_id__isnull=False).values_list(
            "process_id", "weegploeg_number"
        )
    )
    for number, counts in grouped_delete(RightsRequest, "weegploeg_number", numbers).items():
        removed[number].update(counts)
    _processes_delete(process_of, removed)


def _weegploeg_destroy(doomed: list[Doomed], removed: dict[str, Counter]) -> None:
    from rights.models import RightsRequest
    from weegploeg.models import Subject

    number_of = {d.pk: d.number for d in doomed}
    pks = list(number_of)
    processes = _process_map(FileKind.WEEGPLOEG, pks)
    subject_of = dict(WeegploegFile.objects.filter(pk__in=pks).values_list("subject_id", "pk"))
    for pk, counts in grouped_delete(WeegploegFile, "pk", pks).items():
        removed[number_of[pk]].update(counts)
    kept = set(WeegploegFile.objects.filter(subject_id__in=list(subject_of)).values_list("subject_id", flat=True))
    gone = [s for s in subject_of if s not in kept]
    if gone:
        RightsRequest.objects.filter(subject_id__in=gone).update(subject=None)
        for subject_id, counts in grouped_delete(Subject, "pk", gone).items():
            removed[number_of[subject_of[subject_id]]].update(counts)
    _processes_delete({p: number_of[pk] for p, pk in processes.items()}, removed)
    _rights_requests_delete(list(number_of.values()), removed)


def _casusoverleg_destroy(doomed: list[Doomed], removed: dict[str, Counter]) -> None:
    number_of = {d.pk: d.number for d in doomed}
    pks = list(number_of)
    processes = _process_map(FileKind.CASUSOVERLEG, pks)
    sources = dict(CasusoverlegFile.objects.filter(pk__in=pks).values_list("source_weegploeg_number", "number"))
    for pk, counts in grouped_delete(CasusoverlegFile, "pk", pks).items():
        removed[number_of[pk]].update(counts)
    _processes_delete({p: number_of[pk] for p, pk in processes.items()}, removed)
    still = set(WeegploegFile.objects.filter(number__in=list(sources)).values_list("number", flat=True))
    orphaned: dict[str, Counter] = defaultdict(Counter)
    _rights_requests_delete([s for s in sources if s not in still], orphaned)
    for source, counts in orphaned.items():
        removed[sources[source]].update(counts)


def files_destroy(
    kind: str,
    doomed: list[Doomed],
    *,
    now: datetime.datetime | None = None,
    destruction_list: DestructionList | None = None,
) -> list[DestructionRecord]:
    """Destroy these files completely (art. 13), in the caller's transaction, and return their
    verklaringen van vernietiging (one ``DestructionRecord`` per file, no personal data).

    Gone: the subject's rows in each file (subject, signals with their intake answers, analyses,
    decision, information duty and its follow-ups; or the casusoverleg copy, plan versions,
    measures, reviews, persons, contributions, advice, disclosures), the viewflow processes and
    tasks of its flows (with their JSON data), finished rights requests about it, the free-text
    reasons of holds and archive consultations. Kept: the access log (pseudonymous numbers only)
    and the records. Nothing of these models is in the Wagtail search index, in Wagtail's log or
    stored as a generated file (PDFs are rendered on request).
    """
    now = now or timezone.now()
    if not doomed:
        return []
    removed: dict[str, Counter] = defaultdict(Counter)
    if kind == FileKind.CASUSOVERLEG:
        _casusoverleg_destroy(doomed, removed)
    else:
        _weegploeg_destroy(doomed, removed)
    numbers = [d.number for d in doomed]
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
