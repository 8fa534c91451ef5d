"""Reporting an incident and working on its tasks: the project's own Dutch screens in the staff
shell (viewflow's Material screens are not mounted for any flow; its engine stays underneath).

Reporting starts the incident flow (``incidents.services.incident_start``); the task screens
claim, release and complete through the shared task machinery (``flows.task_screens``,
``flows.services``). Every screen is declared through the one access entry point.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from viewflow.workflow.models import Task

from access.screens import work_screen
from flows import services as flow_services
from flows.task_screens import task_claim_respond, task_release_respond
from incidents import services
from incidents.flows import IncidentFlow
from incidents.forms import (
    IncidentClassifyForm,
    IncidentMeasuresForm,
    IncidentNotifyApForm,
    IncidentRegisterForm,
    IncidentSubjectsForm,
)
from incidents.models import IncidentProcess
from incidents.views import OBJECT_TYPE

FORMS = {
    "classify": IncidentClassifyForm,
    "notify_ap": IncidentNotifyApForm,
    "inform_subjects": IncidentSubjectsForm,
    "measures": IncidentMeasuresForm,
}
CANNOT_WORK = "U kunt deze taak niet (meer) uitvoeren. Er is niets gewijzigd."


@dataclass
class TaskOnIncident:
    """An incident task with its incident: the object the task screens' rules are tested on
    (``.task`` for the task rules; ``.file`` and ``.reference`` for the shared screens and the log)."""

    task: Task
    file: IncidentProcess

    @property
    def reference(self) -> str:
        return self.file.reference or f"incident-{self.file.pk}"


def incident_task_load(request: HttpRequest, task_id: int, **_) -> TaskOnIncident | None:
    task = Task.objects.filter(pk=task_id, process__flow_class=IncidentFlow).select_related("owner").first()
    if task is None or task.flow_task is None or task.flow_task.name not in FORMS:
        return None
    process = IncidentProcess.objects.select_related("reporter_party").filter(pk=task.process_id).first()
    return TaskOnIncident(task, process) if process is not None else None


def _task_screen(purpose: str, rule: str, methods=("POST",)):
    return work_screen(
        rule=rule,
        purpose=purpose,
        object_type=OBJECT_TYPE,
        screen_ref="incident",
        load=incident_task_load,
        methods=methods,
    )


@work_screen(
    rule="incidents.register",
    purpose="incidenten: incident melden",
    object_type=OBJECT_TYPE,
    screen_ref="incident-melden",
    methods=("GET", "POST"),
)
def start(request: HttpRequest) -> HttpResponse:
    """Report an incident (art. 15.2g): the flow starts and the classify task goes to the handlers."""
    form = IncidentRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        process = services.incident_start(**form.cleaned_data, user=request.user)
        request.access.created(process)
        messages.success(request, f"Het incident is gemeld onder kenmerk {process.reference}.")
        return redirect("incidents:detail", reference=process.reference)
    status = 400 if form.errors else 200
    return render(request, "incidents/start.html", {"form": form}, status=status)


def _may_work(task: Task, user) -> bool:
    if task.status not in flow_services.OPEN_STATUSES:
        return False
    if task.owner_id:
        return task.owner_id == user.pk
    return task.flow_task.can_assign(user, task)


@_task_screen("incidenten: taak uitvoeren", "incidents.view_register", methods=("GET", "POST"))
def task_detail(request: HttpRequest, target: TaskOnIncident, task_id: int) -> HttpResponse:
    task, process = target.task, target.file
    may_work = _may_work(task, request.user) and access_allowed_to_work(request.user, target)
    data = request.POST if request.method == "POST" else None
    form = FORMS[task.flow_task.name](data, instance=process) if may_work else None
    if request.method == "POST":
        if form is None:
            messages.error(request, CANNOT_WORK)
            return redirect("incidents:task", task_id=task.pk)
        if form.is_valid():
            try:
                services.incident_task_complete(task, user=request.user, form=form)
            except flow_services.TaskUnavailable as error:
                messages.error(request, error.message)
                return redirect("incidents:task", task_id=task.pk)
            request.access.changed(process)
            messages.success(request, f"‘{task.flow_task.task_title}’ is vastgelegd voor incident {target.reference}.")
            return redirect("incidents:detail", reference=target.reference)
        process.refresh_from_db()  # the form changed the instance in memory; show what is stored
    context = {"task": task, "incident": process, "form": form, "may_work": may_work}
    status = 400 if form is not None and form.errors else 200
    return render(request, "incidents/task.html", context, status=status)


def access_allowed_to_work(user, target: TaskOnIncident) -> bool:
    """Working on the task needs the task's own permission through a role (never superuser status)."""
    from access.screens import access_allowed

    return access_allowed(user, "incidents.work_task", target)


@_task_screen("incidenten: taak oppakken", "incidents.work_task")
def task_claim(request: HttpRequest, target: TaskOnIncident, task_id: int) -> HttpResponse:
    return task_claim_respond(request, target, "incidents:task")


@_task_screen("incidenten: taak vrijgeven", "incidents.work_task")
def task_release(request: HttpRequest, target: TaskOnIncident, task_id: int) -> HttpResponse:
    return task_release_respond(request, target, "incidents:task")
