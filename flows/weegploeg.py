"""The weegploeg flow (art. 7, 8, 11.2-4); its periodic accuracy review is ``flows.accuracy_review``.

intake (``weegploeg.services.signal_register`` starts it) → analyse → [meer informatie nodig →
aanleveren → analyse] → besluit → informatieplicht → [agenderen: kopie naar het
casusoverlegdossier] → einde.

Every human task has an explicit permission (declared in ``flows.models``); the per-party
checks (a named kernpartij supplies information) sit in ``PartyTask.can_assign``. The flow
takes a ``SELECT ... FOR UPDATE NOWAIT`` lock on the process row for every transition, inside a
transaction. Its nodes are bound to the one task screen (``flows.screens``), driven by
``SCREENS``: per node the form and the domain service (``weegploeg.services``,
``weegploeg.decisions``). The screen serves the accuracy review's task too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.models import Task

from casusoverleg.agendering import casusoverleg_file_open_from_weegploeg
from core.processes import ProcessKind, process_flow
from flows.locks import savepoint_select_for_update_lock
from flows.models import WeegploegProcess
from flows.screens import Step, StepContext, TaskScreens, task_views
from meetings.models import DecisionKind
from pages.selectors import referentiekader_live
from weegploeg import services
from weegploeg.forms import AccuracyReviewForm, AnalysisForm, DecisionForm, InformationDutyForm, SupplyInformationForm
from weegploeg.models import FileStatus, InformationRequest, Outcome, WeegploegFile
from weegploeg.selectors import analysis_initial_for, weegploeg_reassign_candidates
from weegploeg.terms import task_due_record
from weegploeg.views import file_context

OBJECT_TYPE = "weegploeg_file"


@dataclass
class TaskOnFile:
    """A weegploeg task with its file: the object the task screens' rules are tested on."""

    task: Task
    file: WeegploegFile

    @property
    def number(self) -> str:
        return self.file.number


def task_target(task: Task) -> TaskOnFile | None:
    """The file a weegploeg or accuracy-review task is about (the review's file is its artifact)."""
    files = WeegploegFile.objects.select_related("subject")
    if task.flow_task.flow_class is process_flow(ProcessKind.ACCURACY_REVIEW):
        file = files.filter(pk=task.process.artifact_object_id).first()
    else:
        file = files.filter(process_id=task.process_id).first()
    return TaskOnFile(task, file) if file is not None else None


# --- The steps: per node the form and the service --------------------------------------------


def _analyse_prepare(ctx: StepContext) -> None:
    ctx.extra["criteria_version"] = referentiekader_live()


def _analyse_form(ctx: StepContext) -> AnalysisForm:
    version = ctx.extra["criteria_version"]
    # Issue 14.4: a re-analysis starts from the previous analysis's answers.
    initial = analysis_initial_for(ctx.file)
    return AnalysisForm(ctx.data, criteria=version.criteria if version else (), initial=initial)


def _analyse_blocked(ctx: StepContext) -> str | None:
    if ctx.extra["criteria_version"] is None:
        return "Er is geen gepubliceerd referentiekader; de analyse kan nog niet worden vastgelegd."
    return None


def _analyse(ctx: StepContext, form):
    data = form.cleaned_data
    return lambda: services.analysis_record(
        ctx.file,
        by=ctx.user,
        revision_id=ctx.extra["criteria_version"].revision_id,
        items=form.items(),
        summary=data["summary"],
        next_step=data["next_step"],
        info_party=data.get("info_party"),
        info_question=data.get("info_question", ""),
    )


def _supply(ctx: StepContext, form):
    return lambda: services.information_supply(ctx.file, by=ctx.user, answer=form.cleaned_data["answer"])


def _decide(ctx: StepContext, form):
    data = form.cleaned_data
    return lambda: services.weegploeg_decide(
        ctx.file,
        by=ctx.user,
        outcome=data["outcome"],
        motivation=data["motivation"],
        involved_parties=data["involved_parties"],
        meeting=data.get("meeting"),
    )


def _decide_propose(ctx: StepContext, form) -> None:
    """Art. 7.4 (issue 13 item 8): four eyes — a proposal the second person confirms themselves."""
    data = form.cleaned_data
    services.weegploeg_decision_propose(
        ctx.file,
        by=ctx.user,
        outcome=data["outcome"],
        motivation=data["motivation"],
        involved_parties=data["involved_parties"],
        task_id=ctx.task.pk,
    )


def _information_duty(ctx: StepContext, form):
    data = form.cleaned_data
    return lambda: services.information_duty_record(
        ctx.file,
        by=ctx.user,
        consulted_parties=data["consulted_parties"],
        consultation_note=data["consultation_note"],
        outcome=data["outcome"],
        ground=data.get("ground", ""),
        note=data["note"],
        recheck_on=data.get("recheck_on"),
        informed_on=data.get("informed_on"),
    )


def _accuracy_review(ctx: StepContext, form):
    data = form.cleaned_data
    return lambda: services.accuracy_review_record(
        ctx.file, by=ctx.user, corrected=data["corrected"], note=data["note"]
    )


def _panel_context(request: HttpRequest, target: TaskOnFile) -> dict:
    context = file_context(request, target.file)
    context["open_request"] = (
        target.file.information_requests.filter(answered_at__isnull=True).select_related("party").last()
    )
    return context


SCREENS = TaskScreens(
    namespace="weegploeg",
    label="weegploeg",
    object_type=OBJECT_TYPE,
    screen_ref="weegploeg",
    flows=lambda: (process_flow(ProcessKind.WEEGPLOEG), process_flow(ProcessKind.ACCURACY_REVIEW)),
    target=task_target,
    rule="weegploeg.change_file",
    reassign_rule="weegploeg.reassign_task",
    candidates=lambda target: weegploeg_reassign_candidates(),
    panel="weegploeg/_file.html",
    panel_context=_panel_context,
    done_url=lambda target: reverse("weegploeg:inbox"),
    back=lambda target: (reverse("weegploeg:inbox"), "Terug naar de werkbak"),
    steps={
        "analyse": Step(
            form=_analyse_form,
            service=_analyse,
            prepare=_analyse_prepare,
            blocked=_analyse_blocked,
            fields="flows/steps/weegploeg_analyse.html",
        ),
        "supply_information": Step(
            form=lambda ctx: SupplyInformationForm(ctx.data),
            service=_supply,
            fields="flows/steps/weegploeg_supply_information.html",
        ),
        "decide": Step(
            form=lambda ctx: DecisionForm(ctx.data, file=ctx.file, user=ctx.user),
            service=_decide,
            propose=_decide_propose,
            proposal_kind=DecisionKind.WEEGPLOEG,
        ),
        "information_duty": Step(form=lambda ctx: InformationDutyForm(ctx.data), service=_information_duty),
        "review": Step(form=lambda ctx: AccuracyReviewForm(ctx.data), service=_accuracy_review),
    },
)
VIEWS = task_views(SCREENS)


def _open_request_party(process):
    request = (
        InformationRequest.objects.filter(file__process_id=process.pk, answered_at__isnull=True)
        .select_related("party")
        .order_by("-pk")
        .first()
    )
    return request.party if request else None


class PartyTask(flow.View):
    """A human task for the users of one named party (the task's permission object)."""

    def can_assign(self, user, task):
        if task.owner_id or user is None or user.is_anonymous:
            return False
        if not task.owner_permission or not user.has_perm(task.owner_permission):
            return False
        return task.owner_permission_obj_pk is not None and str(user.party_id) == task.owner_permission_obj_pk


class WeegploegFlow(flow.Flow):
    """Weegploeg

    Een signaal van een kernpartij wordt gewogen tegen het referentiekader en leidt tot een besluit.
    """

    process_class = WeegploegProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks

    start = flow.StartHandle(this.start_process).Annotation(title="Signaal ingebracht").Next(this.analyse)
    analyse = (
        flow.View(VIEWS.detail)
        .onCreate(task_due_record)  # the inbox's due date, stored with the task (weegploeg.terms)
        .Annotation(title="Analyse met het referentiekader")
        .Permission("flows.weegploeg_analyse")
        .Next(this.after_analysis)
    )
    after_analysis = (
        flow.If(this.needs_information)
        .Annotation(title="Meer informatie nodig?")
        .Then(this.supply_information)
        .Else(this.decide)
    )
    supply_information = (
        PartyTask(VIEWS.detail)
        .onCreate(task_due_record)  # the inbox's due date, stored with the task (weegploeg.terms)
        .Annotation(title="Aanvullende informatie aanleveren")
        .Permission("flows.weegploeg_supply_information", obj=_open_request_party)
        .Next(this.analyse)
    )
    decide = (
        flow.View(VIEWS.detail)
        .onCreate(task_due_record)  # the inbox's due date, stored with the task (weegploeg.terms)
        .Annotation(title="Besluit: agenderen of niet")
        .Permission("flows.weegploeg_decide")
        .Next(this.information_duty)
    )
    information_duty = (
        flow.View(VIEWS.detail)
        .onCreate(task_due_record)  # the inbox's due date, stored with the task (weegploeg.terms)
        .Annotation(title="Informatieplicht (art. 11)")
        .Permission("flows.weegploeg_information_duty")
        .Next(this.after_duty)
    )
    after_duty = (
        flow.If(this.is_agendered)
        .Annotation(title="Geagendeerd?")
        .Then(this.open_casusoverleg)
        .Else(this.end_not_agendered)
    )
    open_casusoverleg = (
        flow.Function(this.copy_to_casusoverleg)
        .Annotation(title="Kopie naar casusoverlegdossier")
        .Next(this.end_agendered)
    )
    end_agendered = flow.End().Annotation(title="Geagendeerd voor casusoverleg")
    end_not_agendered = flow.End().Annotation(title="Niet geagendeerd")

    def start_process(self, activation, file: WeegploegFile):
        activation.process.artifact = file
        return activation.process

    def needs_information(self, activation) -> bool:
        return WeegploegFile.objects.filter(
            process_id=activation.process.pk, status=FileStatus.MEER_INFORMATIE
        ).exists()

    def is_agendered(self, activation) -> bool:
        return WeegploegFile.objects.filter(
            process_id=activation.process.pk, decision__outcome=Outcome.AGENDEREN
        ).exists()

    def copy_to_casusoverleg(self, activation) -> None:
        file = WeegploegFile.objects.select_related("subject").get(process_id=activation.process.pk)
        decision = file.decision
        casusoverleg_file_open_from_weegploeg(file, by=decision.decided_by)
