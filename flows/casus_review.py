"""Art. 10.3: the periodic check of a casusoverleg file for correctness and completeness.

The same mechanism as the weegploeg's check (art. 8.3, ``flows.weegploeg.AccuracyReviewFlow``):
one looping viewflow process per file whose human task stays open, due N months after the last
check (or after the file was opened), ``CASUSOVERLEG_ACCURACY_REVIEW_MONTHS`` (default 6, as for
the weegploeg file: the convenant says "periodiek"). The uitvoerder does the task (art. 10.3
names the uitvoerder) and records that the data were checked and, where needed, corrected; the
next task is due N months later. The task is in the uitvoerder's deadlines overview.

``casus_accuracy_reviews_start`` (``manage.py casus_accuracy_reviews``, daily) starts the process
for every open case that has none (new cases, and cases opened before this check existed); a
closed or archived case gets no new task, and its open one ends (archiving cancels it,
``retention.services``).
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core.months import add_months
from flows.locks import savepoint_select_for_update_lock
from flows.models import CasusAccuracyReview, CasusAccuracyReviewProcess
from flows.services import OPEN_STATUSES

if TYPE_CHECKING:
    from accounts.models import User
    from casusoverleg.models import CasusoverlegFile

REVIEW_RULE = "casusoverleg.review_accuracy"


def casus_review_months() -> int:
    """Art. 10.3: how often a casusoverleg file is checked (``CASUSOVERLEG_ACCURACY_REVIEW_MONTHS``)."""
    return settings.CASUSOVERLEG_ACCURACY_REVIEW_MONTHS


def _task_view(request, *args, **kwargs):  # pragma: no cover - never mounted (the screen is casusoverleg's)
    from django.http import Http404

    raise Http404


def _open_cases():
    from casusoverleg.models import CasusoverlegFile, CasusStatus

    return CasusoverlegFile.objects.filter(archived_at__isnull=True).exclude(status=CasusStatus.AFGESLOTEN)


class UitvoerderTask(flow.View):
    """The check is the uitvoerder's (art. 10.3), on an open, active case."""

    def can_assign(self, user, task):
        if not super().can_assign(user, task):
            return False
        target = casus_review_target(task)
        from access.screens import access_allowed

        return target is not None and access_allowed(user, REVIEW_RULE, target)


class CasusAccuracyReviewFlow(flow.Flow):
    """Controle op juistheid casusoverleg

    Periodieke controle van een casusoverlegdossier op juistheid en volledigheid door de uitvoerder (art. 10.3).
    """

    process_class = CasusAccuracyReviewProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks

    start = flow.StartHandle(this.start_process).Annotation(title="Casus geopend").Next(this.review)
    review = (
        UitvoerderTask(_task_view)
        .Annotation(title="Controle op juistheid (art. 10.3)")
        .Permission("flows.casusoverleg_accuracy_review")
        .Next(this.again)
    )
    again = flow.If(this.case_open).Annotation(title="Casus nog open?").Then(this.review).Else(this.end)
    end = flow.End().Annotation(title="Beëindigd")

    def start_process(self, activation, file: CasusoverlegFile):
        activation.process.artifact = file
        return activation.process

    def case_open(self, activation) -> bool:
        return _open_cases().filter(pk=activation.process.artifact_object_id).exists()


# --- Reads ------------------------------------------------------------------------------------------


@dataclasses.dataclass
class ReviewOnCase:
    """A review task with its casusoverleg file: the object the screen's rule is tested on."""

    task: Task
    file: CasusoverlegFile

    @property
    def number(self) -> str:
        return self.file.number


def casus_review_target(task: Task) -> ReviewOnCase | None:
    from casusoverleg.models import CasusoverlegFile

    file = CasusoverlegFile.objects.filter(pk=task.process.artifact_object_id).first()
    return ReviewOnCase(task, file) if file is not None else None


def casus_review_due(file: CasusoverlegFile) -> datetime.date:
    """N months after the last check, or after the case was opened."""

    last = file.accuracy_reviews.order_by("-reviewed_at").values_list("reviewed_at", flat=True).first()
    return add_months(timezone.localtime(last or file.opened_at).date(), casus_review_months())


def casus_review_tasks_open():
    return Task.objects.filter(
        process__flow_class=CasusAccuracyReviewFlow, flow_task=CasusAccuracyReviewFlow.review, status__in=OPEN_STATUSES
    ).select_related("process")


@dataclasses.dataclass(frozen=True)
class ReviewDeadline:
    number: str
    due: datetime.date
    task_id: int


def casus_review_deadlines() -> list[ReviewDeadline]:
    """Every open check with its due date, for the deadlines overview (a constant number of queries)."""
    from django.db.models import Max

    tasks = {t.process.artifact_object_id: t for t in casus_review_tasks_open()}
    files = _open_cases().filter(pk__in=list(tasks)).annotate(last_review=Max("accuracy_reviews__reviewed_at"))

    rows = []
    for file in files.order_by("pk"):
        base = timezone.localtime(file.last_review or file.opened_at).date()
        rows.append(ReviewDeadline(file.number, add_months(base, casus_review_months()), tasks[file.pk].pk))
    return rows


# --- Services ---------------------------------------------------------------------------------------


def casus_accuracy_reviews_start() -> list[str]:
    """Start the check for every open case without one (idempotent); returns the file numbers."""
    from django.contrib.contenttypes.models import ContentType
    from viewflow.workflow.models import Process

    from casusoverleg.models import CasusoverlegFile

    ct = ContentType.objects.get_for_model(CasusoverlegFile)
    running = Process.objects.filter(
        flow_class=CasusAccuracyReviewFlow, artifact_content_type=ct, status=STATUS.NEW
    ).values("artifact_object_id")
    started = []
    for file in _open_cases().exclude(pk__in=running).order_by("pk"):
        with transaction.atomic():
            CasusAccuracyReviewFlow.start.run(file=file)
        started.append(file.number)
    return started


def casus_accuracy_review_record(target: ReviewOnCase, *, by: User, corrected: bool, note: str) -> CasusAccuracyReview:
    """Art. 10.3: the uitvoerder checked the file (and corrected it where needed). Runs inside the
    review task (``flows.services.task_complete`` holds the lock); the file counts as processed."""
    from access.screens import access_allowed

    if not access_allowed(by, REVIEW_RULE, target):
        raise PermissionDenied("Alleen de uitvoerder controleert het casusoverlegdossier (art. 10.3).")
    if not note.strip():
        raise ValidationError("Geef aan wat is gecontroleerd en zo nodig aangepast.")
    review = CasusAccuracyReview.objects.create(
        file=target.file, corrected=corrected, note=note.strip()[:2000], reviewed_by=by
    )
    type(target.file).objects.filter(pk=target.file.pk).update(last_processed_at=timezone.now())
    return review
