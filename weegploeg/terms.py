"""The stored due date of the weegploeg's tasks ("Uiterlijk" in the inbox) and their file (issue 18).

A task's due date is fixed when the flow creates the task: for the steps of the weegploeg flow
``WEEGPLOEG_TASK_DUE_DAYS`` calendar days after the (local) date of its creation, the same
reckoning as the term the melder is shown after intake (``weegploeg.intake.intake_next_steps``);
for the accuracy review (art. 8.3) the file's ``next_review_on`` at that moment, the date the
check is planned for. It is stored in ``TaskDue`` so that the inbox sorts, filters and pages on an indexed
column instead of computing it for every row of every request; with it the task's file, so that the
file's number, date and bringing party are a join away for a review task too (whose only way to
its file is the process's generic artifact, which a query cannot join).

The flows record it as each human task is created (``.onCreate(task_due_record)`` on the nodes),
in the transaction that creates the task. Nothing changes its inputs afterwards: a task's creation
time and step are fixed, and ``accuracy_review_record`` plans the next check while the current
review task is still open, so the review task created after it takes the new date and the one
just done keeps the date it was due. A changed ``WEEGPLOEG_TASK_DUE_DAYS`` applies to tasks
created afterwards: a term, once set, does not move. ``task_dues_store`` computes the due date for
tasks that exist already (bulk fixtures; migration 0005 did the same for the rows of its day).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone
from viewflow.workflow.models import Process, Task

from weegploeg.models import TaskDue, WeegploegFile


def _due_on(task: Task, days: dict[str, int], review_flow, next_review_on: datetime.date | None):
    if task.flow_task.flow_class is review_flow:
        return next_review_on
    n = days.get(task.flow_task.name)
    return None if n is None else timezone.localdate(task.created) + datetime.timedelta(days=n)


def task_due_record(activation) -> None:
    """Store the due date and the file of the task the flow has just created (viewflow's
    ``onCreate`` hook), in the transaction that creates it."""
    task_dues_store([activation.task])


def task_dues_store(tasks: Iterable[Task]) -> int:
    """Compute and store (or overwrite) the due date and the file of these weegploeg tasks: three
    queries at most (the processes, their files, one upsert). Returns the number of tasks stored.

    A task's file is its process's artifact (both flows set it when they start; a review task
    has no other way to it), else the file that names the process (``WeegploegFile.process``)."""
    from weegploeg.selectors import _weegploeg_flows, due_days

    tasks = list(tasks)
    _, review_flow = _weegploeg_flows()
    process_ids = {t.process_id for t in tasks}
    artifact_of = dict(Process.objects.filter(pk__in=process_ids).values_list("pk", "artifact_object_id"))
    files = WeegploegFile.objects.filter(Q(pk__in=set(artifact_of.values()) - {None}) | Q(process_id__in=process_ids))
    by_pk, by_process = {}, {}
    for pk, process_id, review_on in files.values_list("pk", "process_id", "next_review_on"):
        by_pk[pk] = by_process[process_id] = (pk, review_on)
    days = due_days()
    rows = []
    for task in tasks:
        found = by_pk.get(artifact_of.get(task.process_id)) or by_process.get(task.process_id)
        file_pk, review_on = found or (None, None)
        rows.append(TaskDue(task=task, file_id=file_pk, due_on=_due_on(task, days, review_flow, review_on)))
    TaskDue.objects.bulk_create(rows, update_conflicts=True, unique_fields=["task"], update_fields=["due_on", "file"])
    return len(rows)
