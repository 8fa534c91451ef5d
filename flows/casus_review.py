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
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from access.screens import access_allowed
from casusoverleg.accuracy import casus_review_due, open_cases
from casusoverleg.models import CasusoverlegFile
from flows.locks import savepoint_select_for_update_lock
from flows.models import CasusAccuracyReview, CasusAccuracyReviewProcess
from flows.screens import Step, StepContext, TaskScreens, task_views
from weegploeg.forms import AccuracyReviewForm

if TYPE_CHECKING:
    from accounts.models import User

REVIEW_RULE = "casusoverleg.review_accuracy"


# --- The screen: the one task screen, at /werk/casussen/juistheid/<task>/ -------------------------


def _review(ctx: StepContext, form):
    d = form.cleaned_data
    return lambda: casus_accuracy_review_record(ctx.target, by=ctx.user, corrected=d["corrected"], note=d["note"])


def _panel_context(request, target: ReviewOnCase) -> dict:
    file = target.file
    return {
        "due": casus_review_due(file),
        "reviews": list(file.accuracy_reviews.select_related("reviewed_by")[:10]),
        "detail_url": reverse("casusoverleg:detail", kwargs={"number": file.number}),
    }


SCREENS = TaskScreens(
    namespace="casusoverleg",
    label="casusoverleg",
    object_type="casusoverleg_file",
    screen_ref="casusoverleg-juistheid",
    flows=lambda: (CasusAccuracyReviewFlow,),
    target=lambda task: casus_review_target(task),
    rule=REVIEW_RULE,
    panel="casusoverleg/_accuracy_review_panel.html",
    panel_context=_panel_context,
    done_url=lambda target: reverse("rights:deadlines"),
    done_message=lambda target, task: f"De controle op juistheid is vastgelegd voor dossier {target.number}.",
    back=lambda target: (reverse("rights:deadlines"), "Terug naar de termijnen"),
    detail_name="accuracy_review",
    detail_path="juistheid/<int:task_id>/",
    detail_purpose="controle op juistheid",
    lifecycle=False,
    steps={
        "review": Step(
            form=lambda ctx: AccuracyReviewForm(ctx.data),
            service=_review,
            fields="flows/steps/casusoverleg_accuracy_review.html",
        )
    },
)
VIEWS = task_views(SCREENS)


class UitvoerderTask(flow.View):
    """The check is the uitvoerder's (art. 10.3), on an open, active case."""

    def can_assign(self, user, task):
        if not super().can_assign(user, task):
            return False
        target = casus_review_target(task)
        return target is not None and access_allowed(user, REVIEW_RULE, target)


class CasusAccuracyReviewFlow(flow.Flow):
    """Controle op juistheid casusoverleg

    Periodieke controle van een casusoverlegdossier op juistheid en volledigheid door de uitvoerder (art. 10.3).
    """

    process_class = CasusAccuracyReviewProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks

    start = flow.StartHandle(this.start_process).Annotation(title="Casus geopend").Next(this.review)
    review = (
        UitvoerderTask(VIEWS.detail)
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
        return open_cases().filter(pk=activation.process.artifact_object_id).exists()


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
    file = CasusoverlegFile.objects.filter(pk=task.process.artifact_object_id).first()
    return ReviewOnCase(task, file) if file is not None else None


# --- Services ---------------------------------------------------------------------------------------


def casus_accuracy_reviews_start() -> list[str]:
    """Start the check for every open case without one (idempotent); returns the file numbers."""
    ct = ContentType.objects.get_for_model(CasusoverlegFile)
    running = Process.objects.filter(
        flow_class=CasusAccuracyReviewFlow, artifact_content_type=ct, status=STATUS.NEW
    ).values("artifact_object_id")
    started = []
    for file in open_cases().exclude(pk__in=running).order_by("pk"):
        with transaction.atomic():
            CasusAccuracyReviewFlow.start.run(file=file)
        started.append(file.number)
    return started


def casus_accuracy_review_record(target: ReviewOnCase, *, by: User, corrected: bool, note: str) -> CasusAccuracyReview:
    """Art. 10.3: the uitvoerder checked the file (and corrected it where needed). Runs inside the
    review task (``core.tasks.task_complete`` holds the lock); the file counts as processed."""
    if not access_allowed(by, REVIEW_RULE, target):
        raise PermissionDenied("Alleen de uitvoerder controleert het casusoverlegdossier (art. 10.3).")
    if not note.strip():
        raise ValidationError("Geef aan wat is gecontroleerd en zo nodig aangepast.")
    review = CasusAccuracyReview.objects.create(
        file=target.file, corrected=corrected, note=note.strip()[:2000], reviewed_by=by
    )
    type(target.file).objects.filter(pk=target.file.pk).update(last_processed_at=timezone.now())
    return review
