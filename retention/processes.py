"""The viewflow processes of files and requests that retention archives or destroys (art. 13).

An archived file leaves every work list, and a destroyed one leaves nothing behind: its processes
that are still open are cancelled through viewflow's own cancel transition (``Flow.cancel``: each
active task's activation ``cancel``, then the process, under the flow's lock), never by writing
their status; a destroyed file's processes, finished or cancelled by then, are deleted with their
tasks set-based (one DELETE per table). This module knows no flow: it finds a row's processes by
the row's foreign keys to viewflow's ``Process`` and by the processes whose artifact it is (the
accuracy reviews of art. 8.3 and 10.3).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Process
from viewflow.workflow.status import PROCESS

from core.bulk_delete import counts_merge, grouped_delete


def processes_of(model: type[models.Model], pks: Iterable[int]) -> dict[int, int]:
    """Process id → row id: every process of these rows of ``model``, its own (a foreign key to
    ``Process``) and those whose artifact the row is."""
    pks = list(set(pks))
    found: dict[int, int] = {}
    if not pks:
        return found
    links = [
        field.attname
        for field in model._meta.concrete_fields
        if field.is_relation and issubclass(field.related_model, Process)
    ]
    for row in model._base_manager.filter(pk__in=pks).values("pk", *links):
        found.update({row[link]: row["pk"] for link in links if row[link]})
    artifacts = Process.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(model), artifact_object_id__in=pks
    ).values_list("pk", "artifact_object_id")
    found.update({process_id: int(object_id) for process_id, object_id in artifacts})
    return found


def processes_cancel(process_ids: Iterable[int]) -> set[int]:
    """Cancel the open ones of these processes through viewflow's own ``Flow.cancel``, in the
    caller's transaction. Returns the processes left open because another transaction holds the
    flow's lock (a user completing a task right now): the caller leaves their owners for its next
    run. A task viewflow refuses to cancel raises ``FlowRuntimeError``: a flow out of step is not
    hidden."""
    busy: set[int] = set()
    open_processes = Process.objects.filter(pk__in=list(set(process_ids)), status=PROCESS.NEW).order_by("pk")
    for process in list(open_processes):
        flow_class = process.flow_class
        if flow_class is None:
            raise LookupError(f"Proces {process.pk}: het werkproces is niet te laden; er is niets geannuleerd.")
        try:
            flow_class.instance.cancel(process)
        except FlowLockFailed:
            busy.add(process.pk)
    return busy


def processes_delete(owner_of: dict[int, Hashable]) -> dict[Hashable, Counter]:
    """Delete these processes with their tasks (and their JSON data), set-based, in the caller's
    transaction; the rows removed are counted for each process's owner (a file number)."""
    removed: dict[Hashable, Counter] = defaultdict(Counter)
    counts_merge(removed, grouped_delete(Process, "pk", owner_of), owner=owner_of)
    return removed
