"""Many open casusoverleg cases at once (for the query-count test and bench/bench_cases.py).

Rows are bulk-inserted as the flow leaves them after the plan was adopted: a file with subject,
participants, an adopted plan with one (overdue) measure, a process and an open progress-review task.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from viewflow.workflow.status import STATUS

from casusoverleg.models import (
    CasusoverlegFile,
    CasusoverlegProcess,
    CasusParticipant,
    CasusStatus,
    CasusSubject,
    PlanMeasure,
    PlanVersion,
)
from flows.casusoverleg import CasusoverlegFlow
from parties.models import Party
from tests.planner import planner_statistics_refresh


def bulk_open_cases(n: int, *, by, party_names=("De gemeente Gennep",), start: int = 0, batch: int = 500) -> None:
    from viewflow.workflow.models import Task

    parties = list(Party.objects.filter(name__in=party_names))
    now = timezone.now()
    today = timezone.localdate()
    for offset in range(0, n, batch):
        size = min(batch, n - offset)
        numbers = range(start + offset, start + offset + size)
        processes = CasusoverlegProcess.objects.bulk_create(
            CasusoverlegProcess(flow_class=CasusoverlegFlow, status=STATUS.NEW) for _ in numbers
        )
        files = CasusoverlegFile.objects.bulk_create(
            CasusoverlegFile(
                number=f"C-2099-{i:06d}",
                source_weegploeg_number=f"W-2099-{i:06d}",
                opened_by=by,
                status=CasusStatus.IN_UITVOERING,
                next_review_on=today - datetime.timedelta(days=i % 3),
                process_id=p.pk,
            )
            for i, p in zip(numbers, processes, strict=True)
        )
        CasusSubject.objects.bulk_create(
            CasusSubject(
                file=f,
                given_names=f"Voornaam{i}",
                surname=f"Achternaam{i}",
                date_of_birth=datetime.date(1990, 1, 1),
                address="Straat 1",
                residence="Venlo",
                municipality="Venlo",
            )
            for i, f in zip(numbers, files, strict=True)
        )
        CasusParticipant.objects.bulk_create(
            CasusParticipant(file=f, party=p, source="signaal", reason="Bulk", added_by=by)
            for f in files
            for p in parties
        )
        plans = PlanVersion.objects.bulk_create(
            PlanVersion(file=f, number=1, aim="Doel", adopted_on=today, adopted_at=now, adopted_by=by) for f in files
        )
        PlanMeasure.objects.bulk_create(
            PlanMeasure(
                plan=pl,
                description="Maatregel",
                goal="a",
                responsible_party=parties[0],
                due_on=today - datetime.timedelta(days=1),
            )
            for pl in plans
        )
        Task.objects.bulk_create(
            Task(
                process_id=p.pk,
                flow_task=CasusoverlegFlow.review,
                flow_task_type="HUMAN",
                status=STATUS.NEW,
                owner_permission="casusoverleg.casusoverleg_review",
            )
            for p in processes
        )
    planner_statistics_refresh(
        CasusoverlegProcess, CasusoverlegFile, CasusSubject, CasusParticipant, PlanVersion, PlanMeasure, Task
    )
