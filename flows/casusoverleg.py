"""The casusoverleg flow (art. 9): plan → monitoring → advice to close → closure by the kernpartijen.

start (``casusoverleg.agendering.casusoverleg_file_open_from_weegploeg`` starts it through
``core.processes`` when the weegploeg agendered the subject) → vaststellen van het plan →
voortgangsbespreking [herhaald] → [afsluiting geadviseerd] → besluit kernpartijen → [afsluiten] →
einde, else back to the progress review.

Every human task has an explicit permission (declared in ``CasusoverlegProcess.Meta``); the
per-case rule (only users of a participating party; the closure only for kernpartijen) sits in
``CaseTask.can_assign``. The flow takes a ``SELECT ... FOR UPDATE NOWAIT`` lock on the process
row for every transition. Its nodes are bound to the one task screen (``flows.screens``) driven
by ``SCREENS``; the plan is adopted on the plan editor (``casusoverleg.plan_views``).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.models import Task

from access.screens import access_allowed
from accounts.models import User
from accounts.roles import Role
from casusoverleg import closure, review, selectors
from casusoverleg.forms import ClosureForm, ReviewForm
from casusoverleg.models import CasusoverlegFile, CasusoverlegProcess, CasusStatus
from casusoverleg.selectors import TaskOnCase, casus_may_work
from core.processes import ProcessKind, process_flow
from flows.locks import savepoint_select_for_update_lock
from flows.screens import Step, StepContext, TaskScreens, task_views
from meetings.models import DecisionKind

OBJECT_TYPE = "casusoverleg_file"


def _prepare(ctx: StepContext) -> None:
    ctx.extra["plan"] = selectors.plan_current(ctx.file)


def _review_form(ctx: StepContext) -> ReviewForm:
    plan = ctx.extra["plan"]
    measures = plan.measures.select_related("responsible_party") if plan else []
    return ReviewForm(ctx.data, measures=measures, initial={"held_on": timezone.localdate()})


def _review(ctx: StepContext, form):
    d = form.cleaned_data
    return lambda: review.progress_review_record(
        ctx.file,
        by=ctx.user,
        held_on=d["held_on"],
        summary=d["summary"],
        items=form.items(),
        outcome=d["outcome"],
        closure_reason=d["closure_reason"],
    )


def _closure_form(ctx: StepContext) -> ClosureForm:
    return ClosureForm(ctx.data, initial={"decided_on": timezone.localdate()}, file=ctx.file, user=ctx.user)


def _closure(ctx: StepContext, form):
    d = form.cleaned_data
    return lambda: closure.closure_decide(
        ctx.file,
        by=ctx.user,
        outcome=d["outcome"],
        decided_on=d["decided_on"],
        motivation=d["motivation"],
        meeting=d.get("meeting"),
    )


def _closure_propose(ctx: StepContext, form) -> None:
    """Art. 9.4 (issue 13 item 8): four eyes — the closure waits for a second person's own confirmation."""
    d = form.cleaned_data
    closure.closure_propose(
        ctx.file,
        by=ctx.user,
        outcome=d["outcome"],
        decided_on=d["decided_on"],
        motivation=d["motivation"],
        task_id=ctx.task.pk,
    )


def _panel_context(request: HttpRequest, target: TaskOnCase) -> dict:
    file = target.file
    visible = access_allowed(request.user, "casusoverleg.view_file", file)
    plan = selectors.plan_current(file)
    return {
        "full_access": visible,
        "plan": plan,
        "measures": list(plan.measures.select_related("responsible_party")) if plan else [],
        "advice": file.reviews.filter(outcome="afsluiting_adviseren").order_by("-pk").first(),
        "detail_url": reverse("casusoverleg:detail", kwargs={"number": file.number}) if visible else "",
    }


CASE_ROLES = (Role.CASUSOVERLEG_DEELNEMER, Role.UITVOERDER, Role.WEEGPLOEGLID)


def _may_take(user: User, task: Task) -> bool:
    """Could ``user`` take ``task`` if it were free? (the flow's own ``CaseTask.can_assign``)"""
    owner_id = task.owner_id
    task.owner_id = None
    try:
        return task.flow_task.can_assign(user, task)
    finally:
        task.owner_id = owner_id


def _candidates(target: TaskOnCase):
    """Issue 17 item 6: the active colleagues who may do this task — users of a party taking part
    with full access, or for the closure decision a kernpartij user with that permission."""
    users = (
        User.objects.filter(is_active=True, groups__name__in=[r.group_name for r in CASE_ROLES])
        .exclude(party__isnull=True)
        .select_related("party")
        .distinct()
        .order_by("last_name", "username")
    )
    task = target.task
    allowed = [user.pk for user in users if user.pk != task.owner_id and _may_take(user, task)]
    return User.objects.filter(pk__in=allowed).select_related("party").order_by("last_name", "username")


SCREENS = TaskScreens(
    namespace="casusoverleg",
    label="casusoverleg",
    object_type=OBJECT_TYPE,
    screen_ref="casusoverleg-taak",
    flows=lambda: (process_flow(ProcessKind.CASUSOVERLEG),),
    target=selectors.casus_task_target,
    rule="casusoverleg.work_task",
    reassign_rule="casusoverleg.reassign_task",
    candidates=_candidates,
    panel="casusoverleg/_task_panel.html",
    panel_context=_panel_context,
    done_url=lambda target: reverse("casusoverleg:index"),
    back=lambda target: (reverse("casusoverleg:index"), "Terug naar de werkbak"),
    steps={
        "adopt_plan": Step(elsewhere=lambda ctx: reverse("casusoverleg:adopt", kwargs={"number": ctx.file.number})),
        "review": Step(
            form=_review_form, service=_review, prepare=_prepare, fields="flows/steps/casusoverleg_review.html"
        ),
        "decide_closure": Step(
            form=_closure_form,
            service=_closure,
            prepare=_prepare,
            propose=_closure_propose,
            proposal_kind=DecisionKind.AFSLUITING,
            fields="flows/steps/casusoverleg_closure.html",
        ),
    },
)
VIEWS = task_views(SCREENS)


class CaseTask(flow.View):
    """A human task of one case: the permission, plus the per-case rule of ``casus_may_work``."""

    def can_assign(self, user, task):
        if not super().can_assign(user, task):
            return False
        return casus_may_work(user, task)


class CasusoverlegFlow(flow.Flow):
    """Casusoverleg

    Het casusoverleg stelt een integraal plan van aanpak op, monitort het en adviseert de
    kernpartijen over afsluiting (art. 9).
    """

    process_class = CasusoverlegProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks

    start = flow.StartHandle(this.start_process).Annotation(title="Geagendeerd door de weegploeg").Next(this.adopt_plan)
    adopt_plan = (
        CaseTask(VIEWS.detail)
        .Annotation(title="Integraal plan van aanpak vaststellen")
        .Permission("casusoverleg.casusoverleg_adopt_plan")
        .Next(this.review)
    )
    review = (
        CaseTask(VIEWS.detail)
        .Annotation(title="Voortgangsbespreking")
        .Permission("casusoverleg.casusoverleg_review")
        .Next(this.after_review)
    )
    after_review = (
        flow.If(this.closure_advised)
        .Annotation(title="Afsluiting geadviseerd?")
        .Then(this.decide_closure)
        .Else(this.review)
    )
    decide_closure = (
        CaseTask(VIEWS.detail)
        .Annotation(title="Besluit kernpartijen over afsluiting")
        .Permission("casusoverleg.casusoverleg_decide_closure")
        .Next(this.after_decision)
    )
    after_decision = flow.If(this.is_closed).Annotation(title="Afgesloten?").Then(this.end).Else(this.review)
    end = flow.End().Annotation(title="Plan van aanpak afgesloten")

    def start_process(self, activation, file: CasusoverlegFile):
        activation.process.artifact = file
        return activation.process

    def _status(self, activation) -> str | None:
        return (
            CasusoverlegFile.objects.filter(process_id=activation.process.pk).values_list("status", flat=True).first()
        )

    def closure_advised(self, activation) -> bool:
        return self._status(activation) == CasusStatus.AFSLUITING_GEADVISEERD

    def is_closed(self, activation) -> bool:
        return self._status(activation) == CasusStatus.AFGESLOTEN
