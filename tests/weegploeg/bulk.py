"""Many open weegploeg processes at once (for the query-count test and bench/bench_inbox.py).

Rows are bulk-inserted exactly as the flow would leave them after intake: a file with subject,
a process, and an open 'analyse' task for the weegploeg group with its stored due date.
"""

from __future__ import annotations

import datetime

from viewflow.workflow.status import STATUS

from flows.models import WeegploegProcess
from flows.weegploeg import WeegploegFlow
from tests.planner import planner_statistics_refresh
from weegploeg.models import Signal, Subject, TaskDue, WeegploegFile
from weegploeg.terms import task_dues_store


def bulk_open_processes(n: int, *, start: int = 0, batch: int = 1000, parties=(), registered_by=None) -> None:
    """``n`` open processes; with ``parties`` (and ``registered_by``), each file gets a signal brought
    in by the next party in turn, and files are received one hour apart (for the list tests)."""
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
                number=f"W-2099-{i:06d}", subject=s, process_id=p.pk, created_at=now - datetime.timedelta(hours=i)
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
        tasks = Task.objects.bulk_create(
            Task(
                process_id=p.pk,
                flow_task=WeegploegFlow.analyse,
                flow_task_type="HUMAN",
                status=STATUS.NEW,
                owner_permission="flows.weegploeg_analyse",
            )
            for p in processes
        )
        task_dues_store(tasks)  # as the flow stores it when it creates the task (issue 18)
    planner_statistics_refresh(Subject, WeegploegProcess, WeegploegFile, Signal, Task, TaskDue)
