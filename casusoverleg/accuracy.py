"""Art. 10.3: when each open case's periodic accuracy review is due, for the deadlines overview.

The review itself is a looping process (``flows.casus_review``, found here through
``core.processes``); these are the reads of the case's own data the overview and the screen need.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.db.models import Max, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task

from casusoverleg.models import CasusoverlegFile, CasusStatus
from core.months import add_months
from core.processes import ProcessKind, process_flow
from core.tasks import OPEN_STATUSES


def casus_review_months() -> int:
    """Art. 10.3: how often a casusoverleg file is checked (``CASUSOVERLEG_ACCURACY_REVIEW_MONTHS``)."""
    return settings.CASUSOVERLEG_ACCURACY_REVIEW_MONTHS


def open_cases() -> QuerySet[CasusoverlegFile]:
    """The cases that are checked: not closed, not archived."""
    return CasusoverlegFile.objects.filter(archived_at__isnull=True).exclude(status=CasusStatus.AFGESLOTEN)


def casus_review_due(file: CasusoverlegFile) -> datetime.date:
    """N months after the last check, or after the case was opened."""
    last = file.accuracy_reviews.order_by("-reviewed_at").values_list("reviewed_at", flat=True).first()
    return add_months(timezone.localtime(last or file.opened_at).date(), casus_review_months())


def casus_review_tasks_open() -> QuerySet[Task]:
    flow_class = process_flow(ProcessKind.CASUS_REVIEW)
    return Task.objects.filter(
        process__flow_class=flow_class, flow_task=flow_class.review, status__in=OPEN_STATUSES
    ).select_related("process")


@dataclasses.dataclass(frozen=True)
class ReviewDeadline:
    number: str
    due: datetime.date
    task_id: int


def casus_review_deadlines() -> list[ReviewDeadline]:
    """Every open check with its due date, for the deadlines overview (a constant number of queries)."""
    tasks = {t.process.artifact_object_id: t for t in casus_review_tasks_open()}
    files = open_cases().filter(pk__in=list(tasks)).annotate(last_review=Max("accuracy_reviews__reviewed_at"))
    rows = []
    for file in files.order_by("pk"):
        base = timezone.localtime(file.last_review or file.opened_at).date()
        rows.append(ReviewDeadline(file.number, add_months(base, casus_review_months()), tasks[file.pk].pk))
    return rows
