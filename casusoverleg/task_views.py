"""The casusoverleg task screens: a task of one case, claim ('oppakken') and release ('vrijgeven').

Declared through the one access entry point like every screen: the loader returns the task with
its file (``TaskOnCase``), the rule ``casusoverleg.work_task`` decides (art. 9.4, 10.4, 13.2), and
the secrecy duty is required for GET and POST alike, so an action cannot skip it. Whether the
task can still be taken is a business answer (a message), not a refusal.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from access.screens import access_allowed, work_screen
from casusoverleg import selectors, services
from casusoverleg.flows import CasusoverlegFlow
from casusoverleg.forms import ClosureForm, ReviewForm
from casusoverleg.selectors import TaskOnCase
from casusoverleg.views import OBJECT_TYPE
from flows import services as flow_services
from flows.task_screens import task_claim_respond, task_lifecycle_respond, task_release_respond
from meetings.forms import decision_is_proposal

CANNOT_WORK = "U kunt deze taak niet (meer) uitvoeren. Er is niets gewijzigd."


def task_load(request: HttpRequest, task_id: int, **_) -> TaskOnCase | None:
    """The human task of the casusoverleg flow with its file (archived or not: the rule decides)."""
    task = Task.objects.filter(pk=task_id, process__flow_class=CasusoverlegFlow).select_related("owner").first()
    if task is None or task.flow_task is None or task.flow_task_type != "HUMAN":
        return None
    return selectors.casus_task_target(task)


def task_screen(purpose: str, *, methods=("POST",), rule: str = "casusoverleg.work_task"):
    return work_screen(
        rule=rule,
        purpose=purpose,
        object_type=OBJECT_TYPE,
        screen_ref="casusoverleg-taak",
        load=task_load,
        methods=methods,
    )


def _proposal_state(task: Task, file) -> dict:
    if task.flow_task.name != "decide_closure":
        return {}
    from meetings.models import DecisionKind
    from meetings.proposals import decision_proposal_state

    return decision_proposal_state(DecisionKind.AFSLUITING, file.number, task)


def _propose(request: HttpRequest, target: TaskOnCase, form) -> HttpResponse | None:
    """Art. 9.4 (issue 13 item 8): four eyes — the closure waits for a second person's own confirmation."""
    task, d = target.task, form.cleaned_data
    try:
        flow_services.task_claim(task, request.user)
        services.closure_propose(
            target.file,
            by=request.user,
            outcome=d["outcome"],
            decided_on=d["decided_on"],
            motivation=d["motivation"],
            task_id=task.pk,
        )
    except flow_services.TaskUnavailable as error:
        messages.error(request, error.message)
        return redirect("casusoverleg:task", task_id=task.pk)
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        return None
    request.access.changed(target.file)
    messages.success(
        request,
        "Uw besluit is vastgelegd als voorstel. Het wordt van kracht als een collega van een andere kernpartij "
        "het bevestigt; tot dan verandert er niets aan het dossier.",
    )
    return redirect("casusoverleg:task", task_id=task.pk)


def _may_work(task: Task, user) -> bool:
    if task.status not in flow_services.OPEN_STATUSES:
        return False
    if task.owner_id:
        return task.owner_id == user.pk
    return task.flow_task.can_assign(user, task)


def _form(task: Task, request: HttpRequest, plan_in_force, file=None):
    data = request.POST if request.method == "POST" else None
    if task.flow_task.name == "review":
        return ReviewForm(
            data,
            measures=plan_in_force.measures.select_related("responsible_party") if plan_in_force else [],
            initial={"held_on": timezone.localdate()},
        )
    return ClosureForm(data, initial={"decided_on": timezone.localdate()}, file=file, user=request.user)


def _action(task: Task, target: TaskOnCase, form, user):
    d = form.cleaned_data
    if task.flow_task.name == "review":
        return lambda: services.progress_review_record(
            target.file,
            by=user,
            held_on=d["held_on"],
            summary=d["summary"],
            items=form.items(),
            outcome=d["outcome"],
            closure_reason=d["closure_reason"],
        )
    return lambda: services.closure_decide(
        target.file,
        by=user,
        outcome=d["outcome"],
        decided_on=d["decided_on"],
        motivation=d["motivation"],
        meeting=d.get("meeting"),
    )


@task_screen("casusoverleg: taak uitvoeren", methods=("GET", "POST"))
def task_detail(request: HttpRequest, target: TaskOnCase, task_id: int) -> HttpResponse:
    task, file = target.task, target.file
    name = task.flow_task.name
    if name == "adopt_plan" and task.status in flow_services.OPEN_STATUSES:
        return redirect("casusoverleg:adopt", number=file.number)
    plan_in_force = selectors.plan_current(file)
    proposal_state = _proposal_state(task, file)
    may_work = _may_work(task, request.user) and name in ("review", "decide_closure")
    may_work = may_work and not proposal_state.get("pending")
    form = _form(task, request, plan_in_force, file) if may_work else None
    if request.method == "POST":
        if form is None:
            messages.error(request, CANNOT_WORK)
            return redirect("casusoverleg:task", task_id=task.pk)
        if name == "decide_closure" and form.is_valid() and decision_is_proposal(form):
            response = _propose(request, target, form)
            if response is not None:
                return response
        elif form.is_valid():
            try:
                flow_services.task_complete(task, request.user, _action(task, target, form, request.user))
            except flow_services.TaskUnavailable as error:
                messages.error(request, error.message)
                return redirect("casusoverleg:task", task_id=task.pk)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
            else:
                request.access.changed(file)
                messages.success(request, f"‘{task.flow_task.task_title}’ is vastgelegd voor dossier {file.number}.")
                return redirect("casusoverleg:index")
    visible = access_allowed(request.user, "casusoverleg.view_file", file)
    advice = file.reviews.filter(outcome="afsluiting_adviseren").order_by("-pk").first()
    context = {
        "task": task,
        "file": file,
        "form": form,
        "may_work": may_work,
        "may_reassign": access_allowed(request.user, "casusoverleg.reassign_task", target),
        "full_access": visible,
        "plan": plan_in_force,
        "measures": list(plan_in_force.measures.select_related("responsible_party")) if plan_in_force else [],
        "advice": advice,
        "detail_url": reverse("casusoverleg:detail", kwargs={"number": file.number}) if visible else "",
        **proposal_state,
    }
    return render(request, "casusoverleg/task.html", context, status=400 if form is not None and form.errors else 200)


@task_screen("casusoverleg: taak oppakken")
def task_claim(request: HttpRequest, target: TaskOnCase, task_id: int) -> HttpResponse:
    return task_claim_respond(request, target, "casusoverleg:task")


@task_screen("casusoverleg: taak vrijgeven")
def task_release(request: HttpRequest, target: TaskOnCase, task_id: int) -> HttpResponse:
    return task_release_respond(request, target, "casusoverleg:task")


@task_screen("casusoverleg: taak toewijzen", methods=("GET", "POST"), rule="casusoverleg.reassign_task")
def task_reassign(request: HttpRequest, target: TaskOnCase, task_id: int) -> HttpResponse:
    """Issue 17 item 6: the uitvoerder hands a task of the case to a colleague who may do it."""
    from flows.casus_tasks import casus_task_candidates, casus_task_reassign
    from weegploeg.forms import ReassignForm

    task, file = target.task, target.file
    open_task = task.status in flow_services.OPEN_STATUSES and task.status != "STARTED"
    candidates = casus_task_candidates(task) if open_task else []
    from accounts.models import User

    queryset = User.objects.filter(pk__in=[u.pk for u in candidates]).select_related("party")
    form = ReassignForm(request.POST or None, candidates=queryset.order_by("last_name", "username"))
    if request.method == "POST" and form.is_valid():
        to = form.cleaned_data["user"]
        return task_lifecycle_respond(
            request,
            target,
            lambda _task: casus_task_reassign(target, by=request.user, to=to),
            f"De taak is toegewezen aan {to.get_full_name() or to.username}.",
            "casusoverleg:task",
        )
    return render(
        request,
        "casusoverleg/reassign.html",
        {"task": task, "file": file, "form": form, "open_task": open_task},
        status=400 if form.errors else 200,
    )


def review_load(request: HttpRequest, task_id: int, **_):
    """The human task of the casusoverleg's accuracy review with its file (art. 10.3)."""
    from flows.casus_review import CasusAccuracyReviewFlow, casus_review_target

    task = (
        Task.objects.filter(pk=task_id, process__flow_class=CasusAccuracyReviewFlow)
        .select_related("process", "owner")
        .first()
    )
    if task is None or task.flow_task is None or task.flow_task_type != "HUMAN":
        return None
    return casus_review_target(task)


@work_screen(
    rule="casusoverleg.review_accuracy",
    purpose="casusoverleg: controle op juistheid",
    object_type=OBJECT_TYPE,
    screen_ref="casusoverleg-juistheid",
    load=review_load,
    methods=("GET", "POST"),
)
def accuracy_review(request: HttpRequest, target, task_id: int) -> HttpResponse:
    """Art. 10.3: the uitvoerder records that the file was checked and corrected where needed."""
    from flows.casus_review import casus_accuracy_review_record, casus_review_due
    from weegploeg.forms import AccuracyReviewForm

    task, file = target.task, target.file
    may_work = _may_work(task, request.user)
    form = AccuracyReviewForm(request.POST or None) if may_work else None
    if request.method == "POST":
        if form is None:
            messages.error(request, CANNOT_WORK)
            return redirect("casusoverleg:accuracy_review", task_id=task.pk)
        if form.is_valid():
            d = form.cleaned_data
            try:
                flow_services.task_complete(
                    task,
                    request.user,
                    lambda: casus_accuracy_review_record(
                        target, by=request.user, corrected=d["corrected"], note=d["note"]
                    ),
                )
            except flow_services.TaskUnavailable as error:
                messages.error(request, error.message)
                return redirect("casusoverleg:accuracy_review", task_id=task.pk)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
            else:
                request.access.changed(file)
                messages.success(request, f"De controle op juistheid is vastgelegd voor dossier {file.number}.")
                return redirect("rights:deadlines")
    context = {
        "task": task,
        "file": file,
        "form": form,
        "due": casus_review_due(file),
        "reviews": list(file.accuracy_reviews.select_related("reviewed_by")[:10]),
        "detail_url": reverse("casusoverleg:detail", kwargs={"number": file.number}),
    }
    return render(
        request, "casusoverleg/accuracy_review.html", context, status=400 if form is not None and form.errors else 200
    )
