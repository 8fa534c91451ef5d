"""The stored due date of the weegploeg's tasks ("Uiterlijk" in the inbox; issue 18).

A task's due date is fixed when the flow creates the task: for the steps of the weegploeg flow
``WEEGPLOEG_TASK_DUE_DAYS`` calendar days after the (local) date of its creation, the same
reckoning as the term the melder is shown after intake (``weegploeg.intake.intake_next_steps``);
for the accuracy review (art. 8.3) the file's ``next_review_on`` at that moment, the date the
check is planned for. It is stored in ``TaskDue`` so that the inbox sorts, filters and pages on an indexed
column instead of computing it for every row of every request.

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

from django.utils import timezone
from viewflow.workflow.models import Process, Task

from weegploeg.models import TaskDue, WeegploegFile


def _due_on(task: Task, days: dict[str, int], review_flow, next_review_on: datetime.date | None):
    if task.flow_task.flow_class is review_flow:
        return next_review_on
    n = days.get(task.flow_task.name)
    return None if n is None else timezone.localdate(task.created) + datetime.timedelta(days=n)


def task_due_record(activation) -> TaskDue:
    """Store the due date of the task the flow has just created (viewflow's ``onCreate`` hook)."""
    from weegploeg.selectors import _weegploeg_flows, due_days

    task = activation.task
    _, review_flow = _weegploeg_flows()
    next_review_on = None
    if task.flow_task.flow_class is review_flow:
        file = WeegploegFile.objects.filter(pk=activation.process.artifact_object_id)
        next_review_on = file.values_list("next_review_on", flat=True).first()
    due = TaskDue(task=task, due_on=_due_on(task, due_days(), review_flow, next_review_on))
    due.save()
    return due


def task_dues_store(tasks: Iterable[Task]) -> int:
    """Compute and store (or overwrite) the due date of these weegploeg tasks: three queries at
    most (the review tasks' files, then one upsert). Returns the number of tasks stored."""
    from weegploeg.selectors import _weegploeg_flows, due_days

    tasks = list(tasks)
    _, review_flow = _weegploeg_flows()
    reviews = {t.process_id for t in tasks if t.flow_task.flow_class is review_flow}
    file_of = dict(Process.objects.filter(pk__in=reviews).values_list("pk", "artifact_object_id"))
    review_on = dict(WeegploegFile.objects.filter(pk__in=set(file_of.values())).values_list("pk", "next_review_on"))
    days = due_days()
    rows = [
        TaskDue(task=task, due_on=_due_on(task, days, review_flow, review_on.get(file_of.get(task.process_id))))
        for task in tasks
    ]
    TaskDue.objects.bulk_create(rows, update_conflicts=True, unique_fields=["task"], update_fields=["due_on"])
    return len(rows)
