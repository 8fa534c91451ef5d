"""Screens of the incident register: the register list and detail (own views), and the viewflow
task views of the incident flow.

Every screen is declared through the one access entry point: the register and detail here with
``work_screen``; viewflow's screens at /werk/processen/ are wrapped where the site's URL patterns
are built (``incidents.viewset.incident_screen``, ``flows.urls``). The task views below only tell
the entry point what they created or changed; they check and log nothing themselves.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from viewflow.workflow.flow.views import CreateProcessView, UpdateProcessView

from access.screens import work_screen
from incidents import selectors, services
from incidents.forms import (
    IncidentClassifyForm,
    IncidentMeasuresForm,
    IncidentNotifyApForm,
    IncidentRegisterForm,
    IncidentSubjectsForm,
)
from incidents.models import IncidentProcess

PURPOSE = "Incidenten- en datalekregister (art. 15.2g)"
OBJECT_TYPE = "incident"


def incident_ref(process: IncidentProcess) -> str:
    """The log reference of an incident: its kenmerk (never its description)."""
    return process.reference or f"incident-{process.pk}"


def incident_load(request: HttpRequest, reference: str, **_) -> IncidentProcess | None:
    return IncidentProcess.objects.select_related("reporter_party").filter(reference=reference).first()


class IncidentRegisterView(CreateProcessView):
    form_class = IncidentRegisterForm

    def form_valid(self, form):
        response = super().form_valid(form)  # saves and executes the start task
        services.incident_register(self.object, user=self.request.user)
        self.request.access.created(self.object)
        return response


class IncidentTaskView(UpdateProcessView):
    def form_valid(self, form):
        response = super().form_valid(form)
        self._after(self.object)
        self.request.access.changed(self.object)
        return response

    def _after(self, process):
        process.save()


class IncidentClassifyView(IncidentTaskView):
    form_class = IncidentClassifyForm

    def _after(self, process):
        services.incident_classify(process)


class IncidentNotifyApView(IncidentTaskView):
    form_class = IncidentNotifyApForm


class IncidentSubjectsView(IncidentTaskView):
    form_class = IncidentSubjectsForm


class IncidentMeasuresView(IncidentTaskView):
    form_class = IncidentMeasuresForm

    def _after(self, process):
        services.incident_close(process)


@work_screen(rule="incidents.view_register", purpose=PURPOSE, object_type=OBJECT_TYPE, screen_ref="register")
def register(request: HttpRequest) -> HttpResponse:
    """The register: overdue breaches first, with the 72-hour AP deadline per breach."""
    now = timezone.now()
    incidents = selectors.incidents_register_order(selectors.incidents_visible_to(request.user), now)
    request.access.listed(incidents)
    rows = [{"incident": i, "state": i.deadline_state(now)} for i in incidents]
    context = {"rows": rows, "now": now, "may_register": selectors.incident_may_register(request.user)}
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
