"""Many open weegploeg processes at once (for the query-count test and bench/bench_inbox.py).

Rows are bulk-inserted exactly as the flow would leave them after intake: a file with subject,
a process, and an open 'analyse' task for the weegploeg group with its stored due date and file;
with ``reviews``, also the file's accuracy review (art. 8.3) with its open task, as
``signal_register`` starts it for every file (the inbox lists both).
"""

from __future__ import annotations

import datetime

from viewflow.workflow.status import STATUS

from flows.accuracy_review import AccuracyReviewFlow
from flows.models import AccuracyReviewProcess, WeegploegProcess
from flows.weegploeg import WeegploegFlow
from tests.planner import planner_statistics_refresh
from weegploeg.models import Signal, Subject, TaskDue, WeegploegFile
from weegploeg.terms import task_dues_store


def bulk_open_processes(
    n: int, *, start: int = 0, batch: int = 1000, parties=(), registered_by=None, reviews: bool = False
) -> None:
    """``n`` open processes; with ``parties`` (and ``registered_by``), each file gets a signal brought
    in by the next party in turn, and files are received one hour apart (for the list tests); with
    ``reviews`` each file also gets its accuracy review process and open review task."""
    from django.utils import timezone
    from viewflow.workflow.models import Task

    now = timezone.now()

    for offset in range(0, n, batch):
        size = min(batch, n - offset)
        numbers = range(start + offset, start + offset + size)
        subjects = Subject.objects.bulk_create(
            Subject(
                given_names=f"Voornaam{i}",
                surname=f"Achternaam{i}",
                date_of_birth=datetime.date(1990, 1, 1),
                address="Straat 1",
                residence="Venlo",
                municipality="Venlo",
            )
            for i in numbers
        )
        processes = WeegploegProcess.objects.bulk_create(
            WeegploegProcess(flow_class=WeegploegFlow, status=STATUS.NEW) for _ in numbers
        )
        files = WeegploegFile.objects.bulk_create(
            WeegploegFile(
                number=f"W-2099-{i:06d}",
                subject=s,
                process_id=p.pk,
                created_at=now - datetime.timedelta(hours=i),
                next_review_on=(now - datetime.timedelta(hours=i)).date() + datetime.timedelta(days=182),  # art. 8.3
                bringing_party=parties[i % len(parties)] if parties else None,
            )
            for i, s, p in zip(numbers, subjects, processes, strict=True)
        )
        if parties:
            Signal.objects.bulk_create(
                Signal(
                    file=f,
                    observation="Signaal",
                    observed_on=datetime.date(2026, 1, 1),
                    bringing_party=parties[i % len(parties)],
                    registered_by=registered_by,
                )
                for i, f in zip(numbers, files, strict=True)
            )
        tasks = _bulk_open_tasks(processes, WeegploegFlow.analyse, "flows.weegploeg_analyse")
        if reviews:
            tasks += _bulk_reviews(files)
        task_dues_store(tasks)  # as the flow stores it when it creates the task (issue 18)
    planner_statistics_refresh(Subject, WeegploegProcess, WeegploegFile, Signal, Task, TaskDue)


def _bulk_reviews(files) -> list:
    """Each file's accuracy review process, its artifact the file, with its open review task."""
    from django.contrib.contenttypes.models import ContentType

    file_type = ContentType.objects.get_for_model(WeegploegFile)
    processes = AccuracyReviewProcess.objects.bulk_create(
        AccuracyReviewProcess(
            flow_class=AccuracyReviewFlow, status=STATUS.NEW, artifact_content_type=file_type, artifact_object_id=f.pk
        )
        for f in files
    )
    return _bulk_open_tasks(processes, AccuracyReviewFlow.review, "flows.weegploeg_accuracy_review")


def _bulk_open_tasks(processes, node, permission: str) -> list:
    """One new task of ``node`` per process, for the group with ``permission``, as the flow creates it."""
    from viewflow.workflow.models import Task

    return Task.objects.bulk_create(
        Task(process_id=p.pk, flow_task=node, flow_task_type="HUMAN", status=STATUS.NEW, owner_permission=permission)
        for p in processes
    )
