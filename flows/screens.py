"""One task screen for every flow: show a task with its file; claim, release, reassign, complete.

Each flow declares a ``TaskScreens`` table: how a task finds the file it is about, and per human
node a ``Step`` — the form the node asks and the domain service that does its work. The views
are made from that table (``task_views``) and bound to the flow's nodes (``flow.View(views.detail)``),
as in viewflow's cookbook; the URLs keep each app's namespace (``config.urls`` mounts them).

Every view is declared through the one access entry point (``access.screens.work_screen``): the
loader returns the task's target (``.task``, ``.file``), the flow's rule decides. Completing a
task runs the service and moves the process on in one locked transaction (``core.tasks``);
whether the task can still be taken is a business answer (a message), never a refusal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from access.screens import access_allowed, work_screen
from accounts.models import User
from core import tasks
from meetings.forms import decision_is_proposal
from meetings.proposals import decision_proposal_state
from weegploeg.forms import ReassignForm

CANNOT_WORK = "U kunt deze taak niet (meer) uitvoeren. Er is niets gewijzigd."
CLAIMED = "U hebt de taak opgepakt."
RELEASED = "De taak staat weer klaar voor de groep."
PROPOSED = (
    "Uw besluit is vastgelegd als voorstel. Het wordt van kracht als een collega van een andere kernpartij "
    "het bevestigt; tot dan verandert er niets aan het dossier."
)


@dataclass
class StepContext:
    """A task being shown or done: the request, its target and what the step prepared."""

    request: HttpRequest
    target: Any
    extra: dict = field(default_factory=dict)
    bound: bool = True  # False: a POST meant for another form on the same page

    @property
    def task(self) -> Task:
        return self.target.task

    @property
    def file(self):
        return self.target.file

    @property
    def user(self):
        return self.request.user

    @property
    def data(self):
        return self.request.POST if self.bound and self.request.method == "POST" else None


@dataclass(frozen=True)
class Step:
    """One human node: the form it asks (``form(ctx)``) and the business write (``service(ctx, form)``
    returns the action ``core.tasks.task_complete`` runs under the flow lock).

    ``prepare`` puts what form, service and template need into ``ctx.extra``; ``blocked`` says why
    the step cannot be recorded now; ``propose`` records a four-eyes proposal instead (art. 7.4,
    9.4); ``complete`` replaces the standard completion where the service completes the task
    itself; ``after`` adds the access-log rows beyond the file's change; ``elsewhere`` names the
    screen where this node is done instead (the plan editor)."""

    form: Callable[[StepContext], Form] | None = None
    service: Callable[[StepContext, Form], Callable[[], Any]] | None = None
    fields: str = "flows/steps/_fields.html"
    prepare: Callable[[StepContext], None] | None = None
    blocked: Callable[[StepContext], str | None] | None = None
    propose: Callable[[StepContext, Form], None] | None = None
    complete: Callable[[StepContext, Form], Any] | None = None
    after: Callable[[StepContext, Any], None] | None = None
    elsewhere: Callable[[StepContext], str] | None = None
    proposal_kind: str = ""  # the four-eyes proposal's kind (``meetings.models.DecisionKind``)


def _file_number(target) -> str:
    return target.file.number


@dataclass(frozen=True)
class TaskScreens:
    """The per-flow table the one task screen is driven by.

    ``flows`` returns the flow classes whose tasks these screens show (at request time: the
    registry of ``core.processes``); ``target(task)`` returns the object the rules are tested on
    (``.task``, ``.file``) or ``None``. ``rule`` guards the task screen, claim and release,
    ``work_rule`` (if given) in addition doing the task, ``reassign_rule`` the reassignment."""

    namespace: str
    label: str  # the purpose prefix in the access log: "weegploeg", "casusoverleg", "incidenten"
    object_type: str
    screen_ref: str
    flows: Callable[[], Sequence[type]]
    target: Callable[[Task], Any]
    steps: dict[str, Step]
    rule: str
    panel: str
    done_url: Callable[[Any], str]
    back: Callable[[Any], tuple[str, str]]  # (URL, label) of the way back
    noun: str = "dossier"
    number: Callable[[Any], str] = _file_number
    work_rule: str | None = None
    reassign_rule: str | None = None
    candidates: Callable[[Any], Any] | None = None
    panel_context: Callable[[HttpRequest, Any], dict] | None = None
    detail_name: str = "task"
    detail_path: str = "taak/<int:task_id>/"
    detail_purpose: str = "taak uitvoeren"
    lifecycle: bool = True  # claim and release screens
    crumb: str = ""
    done_message: Callable[[Any, Task], str] | None = None

    def url(self, name: str, task: Task) -> str:
        return reverse(f"{self.namespace}:{name}", kwargs={"task_id": task.pk})

    def load(self, request: HttpRequest, task_id: int, **_) -> Any:
        task = (
            Task.objects.filter(pk=task_id, process__flow_class__in=list(self.flows()))
            .select_related("process", "owner")
            .first()
        )
        if task is None or task.flow_task is None or task.flow_task.name not in self.steps:
            return None
        return self.target(task)

    def step(self, task: Task) -> Step:
        return self.steps[task.flow_task.name]


def task_may_work(task: Task, user) -> bool:
    """The task is open and either this user's or free for someone who may take it."""
    if task.status not in tasks.OPEN_STATUSES:
        return False
    if task.owner_id:
        return task.owner_id == user.pk
    return task.flow_task.can_assign(user, task)


def _error_text(error: Exception):
    return error.messages if isinstance(error, ValidationError) else str(error)


def step_may_work(ctx: StepContext, screens: TaskScreens) -> bool:
    """This user may do the step now: a step with a form, the task open and theirs or free, no
    proposal waiting for a second person, and the flow's ``work_rule`` (if any) allows it."""
    step = screens.step(ctx.task)
    may_work = step.form is not None and task_may_work(ctx.task, ctx.user) and not ctx.extra.get("pending")
    if may_work and screens.work_rule is not None:
        may_work = access_allowed(ctx.user, screens.work_rule, ctx.target)
    return may_work


def step_form(ctx: StepContext, screens: TaskScreens) -> Form | None:
    """The step's form for whoever may do the task now, else ``None``."""
    step = screens.step(ctx.task)
    if step.prepare is not None:
        step.prepare(ctx)
    return step.form(ctx) if step_may_work(ctx, screens) else None


def step_post(ctx: StepContext, screens: TaskScreens, form: Form | None, here: str) -> HttpResponse | None:
    """Do the step with a posted form. A response when done (or not possible any more); ``None``
    when the form has errors to show. ``here`` is where a refused attempt returns to."""
    request, task, step = ctx.request, ctx.task, screens.step(ctx.task)
    if form is None:
        messages.error(request, CANNOT_WORK)
        return redirect(here)
    reason = step.blocked(ctx) if step.blocked is not None else None
    if reason:
        form.add_error(None, reason)
        return None
    if not form.is_valid():
        return None
    try:
        if step.propose is not None and decision_is_proposal(form):
            tasks.task_claim(task, request.user)
            step.propose(ctx, form)
            request.access.changed(ctx.file)
            messages.success(request, PROPOSED)
            return redirect(here)
        if step.complete is not None:
            result = step.complete(ctx, form)
        else:
            result = tasks.task_complete(task, request.user, step.service(ctx, form))
    except tasks.TaskUnavailable as error:
        messages.error(request, error.message)
        return redirect(here)
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, _error_text(error))
        return None
    request.access.changed(ctx.file)
    if step.after is not None:
        step.after(ctx, result)
    if screens.done_message is not None:
        messages.success(request, screens.done_message(ctx.target, task))
    else:
        number = screens.number(ctx.target)
        messages.success(request, f"‘{task.flow_task.task_title}’ is vastgelegd voor {screens.noun} {number}.")
    return redirect(screens.done_url(ctx.target))


@dataclass(frozen=True)
class TaskViews:
    """The views of one ``TaskScreens`` table, ready to bind to nodes and mount."""

    detail: Callable
    claim: Callable | None
    release: Callable | None
    reassign: Callable | None
    screens: TaskScreens

    @property
    def urlpatterns(self) -> list:
        patterns = [path(self.screens.detail_path, self.detail, name=self.screens.detail_name)]
        for view, segment, name in (
            (self.claim, "oppakken", "claim"),
            (self.release, "vrijgeven", "release"),
            (self.reassign, "toewijzen", "reassign"),
        ):
            if view is not None:
                patterns.append(path(f"taak/<int:task_id>/{segment}/", view, name=name))
        return patterns


def _declare(screens: TaskScreens, name: str, view: Callable, *, rule: str, purpose: str, methods):
    """Name the view after its flow (the entry point registers screens by qualified name)."""
    view.__name__ = view.__qualname__ = f"{screens.namespace}_{name}"
    view.__module__ = __name__
    return work_screen(
        rule=rule,
        purpose=f"{screens.label}: {purpose}",
        object_type=screens.object_type,
        screen_ref=screens.screen_ref,
        load=screens.load,
        methods=methods,
    )(view)


def task_views(screens: TaskScreens) -> TaskViews:
    """Make the detail, claim, release and reassign views of one flow's table."""

    def detail(request: HttpRequest, target, task_id: int) -> HttpResponse:
        ctx = StepContext(request, target)
        task, step = target.task, screens.step(target.task)
        if step.elsewhere is not None and task.status in tasks.OPEN_STATUSES:
            return redirect(step.elsewhere(ctx))
        ctx.extra.update(_proposal_state(ctx, step))
        form = step_form(ctx, screens)
        if request.method == "POST":
            response = step_post(ctx, screens, form, screens.url(screens.detail_name, task))
            if response is not None:
                return response
        return _render(ctx, screens, step, form)

    views = {"detail": _declare(screens, "task_detail", detail, **_detail_args(screens))}
    views["claim"] = views["release"] = views["reassign"] = None
    if screens.lifecycle:
        claim_rule = screens.work_rule or screens.rule
        views["claim"] = _declare(
            screens, "task_claim", _lifecycle(screens, _claim, CLAIMED), rule=claim_rule,
            purpose="taak oppakken", methods=("POST",),
        )  # fmt: skip
        views["release"] = _declare(
            screens, "task_release", _lifecycle(screens, _release, RELEASED), rule=claim_rule,
            purpose="taak vrijgeven", methods=("POST",),
        )  # fmt: skip
    if screens.reassign_rule is not None:
        views["reassign"] = _declare(
            screens, "task_reassign", _reassign_view(screens), rule=screens.reassign_rule,
            purpose="taak toewijzen", methods=("GET", "POST"),
        )  # fmt: skip
    return TaskViews(screens=screens, **views)


def _detail_args(screens: TaskScreens) -> dict:
    return {
        "rule": screens.rule,
        "purpose": screens.detail_purpose,
        "methods": ("GET", "POST"),
    }


def _proposal_state(ctx: StepContext, step: Step) -> dict:
    if step.propose is None:
        return {}
    return decision_proposal_state(step.proposal_kind, ctx.file.number, ctx.task)


def _render(ctx: StepContext, screens: TaskScreens, step: Step, form: Form | None) -> HttpResponse:
    request, target, task = ctx.request, ctx.target, ctx.task
    may_reassign = screens.reassign_rule is not None and access_allowed(request.user, screens.reassign_rule, target)
    context = {
        "screens": screens,
        "step": step,
        "task": task,
        "file": target.file,
        "target": target,
        "number": screens.number(target),
        "form": form,
        "may_work": step_may_work(ctx, screens),
        "may_reassign": may_reassign and task.status in (STATUS.NEW, STATUS.ASSIGNED),
        "claim_url": screens.url("claim", task) if screens.lifecycle else "",
        "release_url": screens.url("release", task) if screens.lifecycle else "",
        "reassign_url": screens.url("reassign", task) if screens.reassign_rule else "",
        "back": screens.back(target),
        **(screens.panel_context(request, target) if screens.panel_context else {}),
        **ctx.extra,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "flows/task.html", context, status=status)


def _claim(task: Task, user, **_) -> None:
    tasks.task_claim(task, user)


def _release(task: Task, user, **_) -> None:
    tasks.task_release(task, user)


def task_lifecycle_respond(request: HttpRequest, target, operation: Callable, done: str, here: str) -> HttpResponse:
    """Run ``operation(task)``; a task that is no longer available is a message, not an error."""
    try:
        operation(target.task)
    except tasks.TaskUnavailable as error:
        request.access.read(target.file)
        messages.error(request, error.message)
    else:
        request.access.changed(target.file)
        messages.success(request, done)
    return redirect(here)


def _lifecycle(screens: TaskScreens, operation: Callable, done: str) -> Callable:
    def view(request: HttpRequest, target, task_id: int) -> HttpResponse:
        here = screens.url(screens.detail_name, target.task)
        return task_lifecycle_respond(request, target, lambda task: operation(task, request.user), done, here)

    return view


def _nobody():
    return User.objects.none()


def _reassign_view(screens: TaskScreens) -> Callable:
    def view(request: HttpRequest, target, task_id: int) -> HttpResponse:
        task = target.task
        open_task = task.status in (STATUS.NEW, STATUS.ASSIGNED)
        candidates = screens.candidates(target) if open_task else None
        form = ReassignForm(request.POST or None, candidates=candidates if candidates is not None else _nobody())
        here = screens.url(screens.detail_name, task)
        if request.method == "POST" and form.is_valid():
            to = form.cleaned_data["user"]
            return task_lifecycle_respond(
                request,
                target,
                lambda current: tasks.task_reassign(current, request.user, to),
                f"De taak is toegewezen aan {to.get_full_name() or to.username}.",
                here,
            )
        context = {"task": task, "file": target.file, "number": screens.number(target), "form": form}
        context.update({"open_task": open_task, "task_url": here})
        return render(request, "flows/reassign.html", context, status=400 if form.errors else 200)

    return view
