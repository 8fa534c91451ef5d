"""The task screens of the weegploeg flows (own Dutch views; viewflow's lifecycle underneath).

GET shows the file, its history and — for whoever may do the task — the task's form. POST runs
the business service and moves the process on in one locked transaction (``flows.services``).
Claim ('oppakken'), release ('vrijgeven') and reassign ('toewijzen', uitvoerder) use viewflow's
own transitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from access.screens import work_screen
from accounts.models import User
from accounts.roles import Role
from flows import services as flow_services
from flows.task_screens import task_claim_respond, task_lifecycle_respond, task_release_respond
from flows.weegploeg import AccuracyReviewFlow, WeegploegFlow
from meetings.forms import decision_is_proposal
from weegploeg import services
from weegploeg.forms import (
    AccuracyReviewForm,
    AnalysisForm,
    DecisionForm,
    InformationDutyForm,
    ReassignForm,
    SupplyInformationForm,
)
from weegploeg.models import WeegploegFile
from weegploeg.selectors import analysis_initial_for, weegploeg_is_uitvoerder
from weegploeg.views import file_context

TASK = "weegploeg: taak uitvoeren"
PROPOSED = (
    "Uw besluit is vastgelegd als voorstel. Het wordt van kracht als een collega van een andere kernpartij "
    "het bevestigt; tot dan verandert er niets aan het dossier."
)
CANNOT_WORK = "U kunt deze taak niet (meer) uitvoeren. Er is niets gewijzigd."


OBJECT_TYPE = "weegploeg_file"


@dataclass
class TaskOnFile:
    """A weegploeg task with its file: the object the task screens' rules are tested on."""

    task: Task
    file: WeegploegFile

    @property
    def number(self) -> str:
        return self.file.number


def task_load(request: HttpRequest, task_id: int, **_) -> TaskOnFile | None:
    task = (
        Task.objects.filter(pk=task_id, process__flow_class__in=[WeegploegFlow, AccuracyReviewFlow])
        .select_related("process", "owner")
        .first()
    )
    if task is None or task.flow_task is None or task.flow_task_type != "HUMAN":
        return None
    files = WeegploegFile.objects.select_related("subject")
    if task.flow_task.flow_class is AccuracyReviewFlow:
        file = files.filter(pk=task.process.artifact_object_id).first()
    else:
        file = files.filter(process_id=task.process_id).first()
    return TaskOnFile(task, file) if file is not None else None


def task_screen(purpose: str, *, rule: str = "weegploeg.change_file", methods=("POST",)):
    return work_screen(
        rule=rule, purpose=purpose, object_type=OBJECT_TYPE, screen_ref="weegploeg", load=task_load, methods=methods
    )


def _form_for(task: Task, request: HttpRequest, criteria_version, file: WeegploegFile | None = None):
    data = request.POST if request.method == "POST" else None
    name = task.flow_task.name
    if task.flow_task.flow_class is AccuracyReviewFlow:
        return AccuracyReviewForm(data)
    if name == "analyse":
        # Issue 14.4: a re-analysis starts from the previous analysis's answers.
        initial = analysis_initial_for(file) if file is not None else {}
        return AnalysisForm(data, criteria=criteria_version.criteria if criteria_version else (), initial=initial)
    if name == "supply_information":
        return SupplyInformationForm(data)
    if name == "decide":
        return DecisionForm(data, file=file, user=request.user)
    if name == "information_duty":
        return InformationDutyForm(data)
    raise Http404


def _action(task: Task, file: WeegploegFile, form, user: User, criteria_version):
    data = form.cleaned_data
    name = task.flow_task.name
    if task.flow_task.flow_class is AccuracyReviewFlow:
        return lambda: services.accuracy_review_record(file, by=user, corrected=data["corrected"], note=data["note"])
    if name == "analyse":
        return lambda: services.analysis_record(
            file,
            by=user,
            revision_id=criteria_version.revision_id,
            items=form.items(),
            summary=data["summary"],
            next_step=data["next_step"],
            info_party=data.get("info_party"),
            info_question=data.get("info_question", ""),
        )
    if name == "supply_information":
        return lambda: services.information_supply(file, by=user, answer=data["answer"])
    if name == "decide":
        return lambda: services.weegploeg_decide(
            file,
            by=user,
            outcome=data["outcome"],
            motivation=data["motivation"],
            involved_parties=data["involved_parties"],
            meeting=data.get("meeting"),
        )
    return lambda: services.information_duty_record(
        file,
        by=user,
        consulted_parties=data["consulted_parties"],
        consultation_note=data["consultation_note"],
        outcome=data["outcome"],
        ground=data.get("ground", ""),
        note=data["note"],
        recheck_on=data.get("recheck_on"),
        informed_on=data.get("informed_on"),
    )


def _proposal_state(task: Task, file: WeegploegFile) -> dict:
    if task.flow_task.flow_class is not WeegploegFlow or task.flow_task.name != "decide":
        return {}
    from meetings.models import DecisionKind
    from meetings.proposals import decision_proposal_state

    return decision_proposal_state(DecisionKind.WEEGPLOEG, file.number, task)


def _may_work(task: Task, user: User) -> bool:
    if task.status not in flow_services.OPEN_STATUSES:
        return False
    if task.owner_id:
        return task.owner_id == user.pk
    return task.flow_task.can_assign(user, task)


@task_screen(TASK, methods=("GET", "POST"))
def task_detail(request: HttpRequest, target: TaskOnFile, task_id: int) -> HttpResponse:
    task, file = target.task, target.file
    criteria_version = None
    if task.flow_task.name == "analyse" and task.flow_task.flow_class is WeegploegFlow:
        from pages.selectors import referentiekader_live

        criteria_version = referentiekader_live()
    proposal_state = _proposal_state(task, file)
    may_work = _may_work(task, request.user) and not proposal_state.get("pending")
    form = _form_for(task, request, criteria_version, file) if may_work else None
    if request.method == "POST":
        if form is None:
            messages.error(request, CANNOT_WORK)
            return redirect("weegploeg:task", task_id=task.pk)
        if task.flow_task.name == "analyse" and criteria_version is None:
            form.add_error(None, "Er is geen gepubliceerd referentiekader; de analyse kan nog niet worden vastgelegd.")
        elif task.flow_task.name == "decide" and form.is_valid() and decision_is_proposal(form):
            # Art. 7.4 (issue 13 item 8): four eyes — a proposal the second person confirms themselves.
            data = form.cleaned_data
            try:
                flow_services.task_claim(task, request.user)
                services.weegploeg_decision_propose(
                    file,
                    by=request.user,
                    outcome=data["outcome"],
                    motivation=data["motivation"],
                    involved_parties=data["involved_parties"],
                    task_id=task.pk,
                )
            except flow_services.TaskUnavailable as error:
                messages.error(request, error.message)
                return redirect("weegploeg:task", task_id=task.pk)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                request.access.changed(file)
                messages.success(request, PROPOSED)
                return redirect("weegploeg:task", task_id=task.pk)
        elif form.is_valid():
            try:
                flow_services.task_complete(
                    task, request.user, _action(task, file, form, request.user, criteria_version)
                )
            except flow_services.TaskUnavailable as error:
                messages.error(request, error.message)
                return redirect("weegploeg:task", task_id=task.pk)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                request.access.changed(file)
                messages.success(request, f"‘{task.flow_task.task_title}’ is vastgelegd voor dossier {file.number}.")
                return redirect("weegploeg:inbox")
    context = file_context(request, file)
    context.update(
        {
            "task": task,
            "form": form,
            "may_work": may_work,
            "criteria_version": criteria_version,
            "is_uitvoerder": weegploeg_is_uitvoerder(request.user),
            "open_request": file.information_requests.filter(answered_at__isnull=True).select_related("party").last(),
            **proposal_state,
        }
    )
    status = 400 if form is not None and form.errors else 200
    return render(request, "weegploeg/task.html", context, status=status)


@task_screen("weegploeg: taak oppakken")
def task_claim(request: HttpRequest, target: TaskOnFile, task_id: int) -> HttpResponse:
    return task_claim_respond(request, target, "weegploeg:task")


@task_screen("weegploeg: taak vrijgeven")
def task_release(request: HttpRequest, target: TaskOnFile, task_id: int) -> HttpResponse:
    return task_release_respond(request, target, "weegploeg:task")


def reassign_candidates():
    names = [Role.WEEGPLOEGLID.group_name, Role.UITVOERDER.group_name]
    return (
        User.objects.filter(is_active=True, groups__name__in=names, party__role="kernpartij")
        .select_related("party")
        .distinct()
        .order_by("last_name", "username")
    )


@task_screen("weegploeg: taak toewijzen", rule="weegploeg.reassign_task", methods=("GET", "POST"))
def task_reassign(request: HttpRequest, target: TaskOnFile, task_id: int) -> HttpResponse:
    task, file = target.task, target.file
    form = ReassignForm(request.POST or None, candidates=reassign_candidates())
    if request.method == "POST" and form.is_valid():
        to = form.cleaned_data["user"]
        return task_lifecycle_respond(
            request,
            target,
            lambda t: flow_services.task_reassign(t, request.user, to),
            f"De taak is toegewezen aan {to.get_full_name() or to.username}.",
            "weegploeg:task",
        )
    open_task = task.status in (STATUS.NEW, STATUS.ASSIGNED)
    return render(
        request,
        "weegploeg/reassign.html",
        {"task": task, "file": file, "form": form, "open_task": open_task},
        status=400 if form.errors else 200,
    )


BULK_MAX = 100
_BACK_ALLOWED = re.compile(r"\?[A-Za-z0-9=&%_.+\-]{0,300}")


def _inbox_back(request: HttpRequest) -> HttpResponse:
    """Back to the inbox with its filters (only a plain query string of the list, else none)."""
    back = request.POST.get("terug", "")
    query = back if _BACK_ALLOWED.fullmatch(back) else ""
    return redirect(reverse("weegploeg:inbox") + query)


@work_screen(
    rule="weegploeg.assign_tasks",
    purpose="weegploeg: taken toewijzen",
    object_type=OBJECT_TYPE,
    screen_ref="werkbak",
    methods=("POST",),
)
def tasks_assign(request: HttpRequest) -> HttpResponse:
    """The uitvoerder assigns the checked tasks to one colleague (issue 14 item 2). Each task is
    checked by the rule of the single assignment and logged as a change of its file."""
    form = ReassignForm(request.POST, candidates=reassign_candidates())
    raw_ids = request.POST.getlist("taak")
    ids = sorted({int(v) for v in raw_ids if v.isdigit()})[:BULK_MAX]
    if not ids:
        messages.error(request, "Kies een of meer taken om toe te wijzen. Er is niets gewijzigd.")
        return _inbox_back(request)
    if not form.is_valid():
        messages.error(request, "Kies een collega uit de lijst om de taken aan toe te wijzen. Er is niets gewijzigd.")
        return _inbox_back(request)
    to = form.cleaned_data["user"]
    targets = [task_load(request, task_id=task_id) for task_id in ids]
    missing = sum(1 for target in targets if target is None)
    result = flow_services.tasks_assign_bulk(
        [t for t in targets if t is not None], by=request.user, to=to, rule="weegploeg.reassign_task"
    )
    for target in result.assigned:
        request.access.changed(target.file)
    name = to.get_full_name() or to.username
    if result.assigned:
        numbers = ", ".join(target.number for target in result.assigned)
        count = len(result.assigned)
        messages.success(request, f"{count} taak/taken toegewezen aan {name} (dossier {numbers}).")
    refused = [(target.number, message) for target, message in result.refused]
    refused += [("—", flow_services.NOT_ASSIGNABLE)] * missing
    for number, message in refused:
        messages.error(request, f"Dossier {number}: {message}" if number != "—" else message)
    return _inbox_back(request)
