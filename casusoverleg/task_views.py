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
from flows.task_screens import task_claim_respond, task_release_respond

CANNOT_WORK = "U kunt deze taak niet (meer) uitvoeren. Er is niets gewijzigd."


def task_load(request: HttpRequest, task_id: int, **_) -> TaskOnCase | None:
    """The human task of the casusoverleg flow with its file (archived or not: the rule decides)."""
    task = Task.objects.filter(pk=task_id, process__flow_class=CasusoverlegFlow).select_related("owner").first()
    if task is None or task.flow_task is None or task.flow_task_type != "HUMAN":
        return None
    return selectors.casus_task_target(task)


def task_screen(purpose: str, *, methods=("POST",)):
    return work_screen(
        rule="casusoverleg.work_task",
        purpose=purpose,
        object_type=OBJECT_TYPE,
        screen_ref="casusoverleg-taak",
        load=task_load,
        methods=methods,
    )


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
        confirmed_by=d.get("confirmed_by"),
    )


@task_screen("casusoverleg: taak uitvoeren", methods=("GET", "POST"))
def task_detail(request: HttpRequest, target: TaskOnCase, task_id: int) -> HttpResponse:
    task, file = target.task, target.file
    name = task.flow_task.name
    if name == "adopt_plan" and task.status in flow_services.OPEN_STATUSES:
        return redirect("casusoverleg:adopt", number=file.number)
    plan_in_force = selectors.plan_current(file)
    may_work = _may_work(task, request.user) and name in ("review", "decide_closure")
    form = _form(task, request, plan_in_force, file) if may_work else None
    if request.method == "POST":
        if form is None:
            messages.error(request, CANNOT_WORK)
            return redirect("casusoverleg:task", task_id=task.pk)
        if form.is_valid():
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
        "full_access": visible,
        "plan": plan_in_force,
        "measures": list(plan_in_force.measures.select_related("responsible_party")) if plan_in_force else [],
        "advice": advice,
        "detail_url": reverse("casusoverleg:detail", kwargs={"number": file.number}) if visible else "",
    }
    return render(request, "casusoverleg/task.html", context, status=400 if form is not None and form.errors else 200)


@task_screen("casusoverleg: taak oppakken")
def task_claim(request: HttpRequest, target: TaskOnCase, task_id: int) -> HttpResponse:
    return task_claim_respond(request, target, "casusoverleg:task")


@task_screen("casusoverleg: taak vrijgeven")
def task_release(request: HttpRequest, target: TaskOnCase, task_id: int) -> HttpResponse:
    return task_release_respond(request, target, "casusoverleg:task")
