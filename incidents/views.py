"""Screens of the incident register: reporting an incident, the register list and the detail. The
task screens are the one task screen of ``flows.incidents``. Every screen is declared through the
one access entry point (``work_screen``); the views check and log nothing themselves.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from access.screens import work_screen
from incidents import selectors, services
from incidents.forms import IncidentRegisterForm
from incidents.models import IncidentProcess
from incidents.register_list import COLUMNS as INCIDENT_COLUMNS
from incidents.register_list import incident_list

PURPOSE = "Incidenten- en datalekregister (art. 15.2g)"
OBJECT_TYPE = "incident"


def incident_ref(process: IncidentProcess) -> str:
    """The log reference of an incident: its kenmerk (never its description)."""
    return process.reference or f"incident-{process.pk}"


def incident_load(request: HttpRequest, reference: str, **_) -> IncidentProcess | None:
    return IncidentProcess.objects.select_related("reporter_party").filter(reference=reference).first()


@work_screen(rule="incidents.view_register", purpose=PURPOSE, object_type=OBJECT_TYPE, screen_ref="register")
def register(request: HttpRequest) -> HttpResponse:
    """The register: overdue breaches first, with the 72-hour AP deadline per breach."""
    now = timezone.now()
    data = incident_list(request.user, now, request.GET)  # issue 14 item 2: filters, sorting, pages
    request.access.listed(row["incident"] for row in data.rows)
    context = {
        "rows": data.rows,
        "list": data.state,
        "columns": data.state.columns(INCIDENT_COLUMNS),
        "now": now,
        "may_register": selectors.incident_may_register(request.user),
    }
    return render(request, "incidents/register.html", context)


@work_screen(
    rule="incidents.view_register",
    purpose=PURPOSE,
    object_type=OBJECT_TYPE,
    screen_ref="incident",
    load=incident_load,
    ref=incident_ref,
)
def detail(request: HttpRequest, incident: IncidentProcess, reference: str) -> HttpResponse:
    tasks = incident.task_set.select_related("owner").order_by("created")
    context = {"incident": incident, "state": incident.deadline_state(), "tasks": tasks}
    return render(request, "incidents/detail.html", context)


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
