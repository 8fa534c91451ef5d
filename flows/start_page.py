"""The start page "Vandaag": counts per stage, the user's own tasks and the legal deadlines that run
out this week — each only from what this user may see (the apps' own ``*_visible_to`` selectors and
the rules of their screens). A fixed number of queries, whatever the volume. It reads across every
flow and file app, so it sits in the process layer, above them all."""

from __future__ import annotations

import dataclasses
import datetime
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from access.screens import access_allowed, work_screen
from accounts.navigation import links_for
from accounts.services import user_roles
from casusoverleg.models import CasusoverlegFile, CasusStatus
from casusoverleg.selectors import casus_files_visible_to
from core.processes import ProcessKind, process_flow
from core.tasks import OPEN_STATUSES
from incidents.selectors import incidents_visible_to
from rights.models import RequestStatus, RightsRequest
from rights.selectors.deadlines import DeadlineRows, deadlines_dashboard
from rights.selectors.requests import rights_requests_visible_to
from secrecy.services import secrecy_accepted
from weegploeg.models import FileStatus, WeegploegFile
from weegploeg.selectors import weegploeg_files_visible_to

# This week's deadlines shown on the start page; more are counted and linked to the overview
# (a page names what it shows in one log row, and the start page stays short at any volume).
DEADLINES_SHOWN = 10


@dataclasses.dataclass(frozen=True)
class StageCount:
    label: str
    count: int
    url: str


@dataclasses.dataclass(frozen=True)
class StageGroup:
    title: str
    stages: list[StageCount]

    @property
    def total(self) -> int:
        return sum(stage.count for stage in self.stages)


@dataclasses.dataclass(frozen=True)
class OwnTask:
    title: str
    ref: str
    since: datetime.date
    url: str


def _filtered(url: str, **params: str) -> str:
    """A list's URL with its whitelisted filter values (``core.lists``): no personal data."""
    return f"{url}?{urlencode(params)}"


def _weegploeg_counts(user) -> StageGroup | None:
    if not access_allowed(user, "weegploeg.view_inbox"):
        return None
    open_statuses = [FileStatus.IN_ANALYSE, FileStatus.MEER_INFORMATIE, FileStatus.BESLUIT, FileStatus.INFORMATIEPLICHT]
    rows = dict(
        weegploeg_files_visible_to(user)
        .filter(status__in=open_statuses)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # Each count links to the inbox filtered on the task of that stage (``weegploeg.inbox``'s "fase").
    task_of = {
        FileStatus.IN_ANALYSE: "analyse",
        FileStatus.MEER_INFORMATIE: "supply_information",
        FileStatus.BESLUIT: "decide",
        FileStatus.INFORMATIEPLICHT: "information_duty",
    }
    url = reverse("weegploeg:inbox")
    stages = [StageCount(s.label, rows.get(s.value, 0), _filtered(url, fase=task_of[s])) for s in open_statuses]
    return StageGroup("Weegploeg: open dossiers", stages)


def _casus_counts(user) -> StageGroup | None:
    if not access_allowed(user, "casusoverleg.view_worklist"):
        return None
    open_statuses = [CasusStatus.GEAGENDEERD, CasusStatus.IN_UITVOERING, CasusStatus.AFSLUITING_GEADVISEERD]
    rows = dict(
        casus_files_visible_to(user)
        .filter(status__in=open_statuses)
        .values_list("status")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    url = reverse("casusoverleg:index")
    stages = [StageCount(s.label, rows.get(s.value, 0), _filtered(url, fase=s.value)) for s in open_statuses]
    return StageGroup("Casusoverleg: open casussen", stages)


def _rights_counts(user) -> StageGroup | None:
    if not access_allowed(user, "rights.handle_request"):
        return None
    open_statuses = [s for s in RequestStatus if s != RequestStatus.AFGEROND]
    rows = dict(
        rights_requests_visible_to(user)
        .filter(status__in=open_statuses)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    url = reverse("rights:index")
    stages = [StageCount(s.label, rows.get(s.value, 0), _filtered(url, fase=s.value)) for s in open_statuses]
    return StageGroup("Verzoeken inzage en correctie: open", stages)


def _incident_counts(user) -> StageGroup | None:
    if not access_allowed(user, "incidents.view_register"):
        return None
    open_incidents = incidents_visible_to(user).filter(closed_at__isnull=True)
    counts = open_incidents.aggregate(
        unclassified=Count("pk", filter=Q(classified_at__isnull=True)),
        breaches=Count("pk", filter=Q(classified_at__isnull=False, is_breach=True)),
        other=Count("pk", filter=Q(classified_at__isnull=False, is_breach=False)),
    )
    url = reverse("incidents:index")
    stages = [
        StageCount("Nog te classificeren", counts["unclassified"], _filtered(url, fase="te-classificeren")),
        StageCount("Datalek, in behandeling", counts["breaches"], _filtered(url, fase="datalek")),
        StageCount("Geen datalek, maatregelen open", counts["other"], _filtered(url, fase="geen-datalek")),
    ]
    return StageGroup("Incidenten en datalekken: open", stages)


def stage_counts(user) -> list[StageGroup]:
    groups = (_weegploeg_counts(user), _casus_counts(user), _rights_counts(user), _incident_counts(user))
    return [group for group in groups if group is not None]


def own_tasks(user) -> list[OwnTask]:
    """The open tasks this user has taken ('opgepakt'), oldest first, with the number they are about."""
    tasks = list(
        Task.objects.filter(owner=user, status__in=OPEN_STATUSES, flow_task_type="HUMAN")
        .select_related("process")
        .order_by("created", "pk")[:50]
    )
    process_ids = [task.process_id for task in tasks]
    artifact_ids = [task.process.artifact_object_id for task in tasks if task.process.artifact_object_id]
    weegploeg = dict(WeegploegFile.objects.filter(process_id__in=process_ids).values_list("process_id", "number"))
    reviewed = dict(WeegploegFile.objects.filter(pk__in=artifact_ids).values_list("pk", "number"))
    casus = dict(CasusoverlegFile.objects.filter(process_id__in=process_ids).values_list("process_id", "number"))
    rights = dict(RightsRequest.objects.filter(process_id__in=process_ids).values_list("process_id", "number"))
    rows = []
    for task in tasks:
        flow_class = task.process.flow_class
        since = timezone.localtime(task.created).date()
        title = task.flow_task.task_title if task.flow_task else ""
        if flow_class is process_flow(ProcessKind.WEEGPLOEG) and task.process_id in weegploeg:
            ref, url = weegploeg[task.process_id], reverse("weegploeg:task", kwargs={"task_id": task.pk})
        elif flow_class is process_flow(ProcessKind.ACCURACY_REVIEW) and task.process.artifact_object_id in reviewed:
            ref, url = reviewed[task.process.artifact_object_id], reverse("weegploeg:task", kwargs={"task_id": task.pk})
        elif flow_class is process_flow(ProcessKind.CASUSOVERLEG) and task.process_id in casus:
            ref, url = casus[task.process_id], reverse("casusoverleg:task", kwargs={"task_id": task.pk})
        elif flow_class is process_flow(ProcessKind.RIGHTS) and task.process_id in rights:
            number = rights[task.process_id]
            ref, url = number, reverse("rights:detail", kwargs={"number": number})
        elif flow_class is process_flow(ProcessKind.INCIDENT):
            ref = getattr(task.process, "reference", None) or "nieuw incident"
            url = reverse("incidents:task", kwargs={"task_id": task.pk})
        else:
            continue
        rows.append(OwnTask(title, ref, since, url))
    return rows


def week_end(today: datetime.date) -> datetime.date:
    """The Sunday of ``today``'s week."""
    return today + datetime.timedelta(days=6 - today.weekday())


def deadlines_this_week(user, today: datetime.date | None = None) -> DeadlineRows | None:
    """The rows of the deadlines overview (``rights.selectors.deadlines.deadlines_dashboard``) that run out by
    the end of this week, overdue ones included, counted in full and built a slice at a time; ``None`` for
    whoever may not open that overview."""
    if not access_allowed(user, "rights.handle_request"):
        return None
    today = today or timezone.localdate()
    return deadlines_dashboard(today, due_by=week_end(today))["rows"]


# --- The screen ---------------------------------------------------------------------------------


@work_screen(
    rule="accounts.view_start_page",
    purpose="Startpagina werkomgeving",
    object_type="werkomgeving",
    screen_ref="start",
    secrecy=False,  # a new user reaches the secrecy page from here (and sees counts only until then)
)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The staff start page "Vandaag" after login: counts per stage, the user's own tasks and this
    week's legal deadlines (only what the user may see), and the links of their roles. It shows
    file numbers, never names; the numbers shown are logged in one row."""
    user = request.user
    roles = sorted(user_roles(user), key=lambda r: r.label)
    context = {"roles": roles, "can_admin": user.has_perm("wagtailadmin.access_admin"), "links": links_for(user)}
    # "Vandaag": counts for everyone with a role; numbers of files only after the secrecy duty (art. 14).
    context["stage_groups"] = stage_counts(user)
    context["secrecy_accepted"] = accepted = secrecy_accepted(user)
    if accepted:
        today = timezone.localdate()
        week = deadlines_this_week(user, today)
        context.update(
            {
                "own_tasks": own_tasks(user),
                # The first of this week's deadlines (overdue first); the rest in the overview.
                "deadlines": None if week is None else week[:DEADLINES_SHOWN],
                "deadlines_more": 0 if week is None else max(0, len(week) - DEADLINES_SHOWN),
                "week_end": week_end(today),
            }
        )
        # One log row naming the (pseudonymous) numbers shown; none shown: no row.
        shown = [task.ref for task in context["own_tasks"]] + [row.ref for row in context["deadlines"] or []]
        if shown:
            request.access.listed(shown)
    if not request.access.rows:
        request.access.nothing_shown()  # counts and links only: nothing about a person to log
    return render(request, "accounts/dashboard.html", context)
