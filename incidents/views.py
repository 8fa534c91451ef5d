"""Screens of the incident register: the register list and detail (own views), and the viewflow
task views with the kernpartij check and access logging added."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from viewflow.workflow.flow.views import CreateProcessView, DetailProcessView, UpdateProcessView

from accesslog.models import AccessAction
from accesslog.services import access_log_write
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


def _ref(process: IncidentProcess | None) -> str:
    if process is not None and process.reference:
        return process.reference
    if process is not None and process.pk:
        return f"incident-{process.pk}"
    return "nieuw"


def _deny(request, process=None):
    access_log_write(
        request,
        action=AccessAction.READ,
        object_type="incident",
        object_ref=_ref(process),
        purpose=PURPOSE,
        allowed=False,
    )
    raise PermissionDenied


class IncidentAccessMixin:
    """Kernpartijen and the uitvoerder only; every view of an incident is logged."""

    log_action = AccessAction.READ

    def dispatch(self, request, *args, **kwargs):
        if not selectors.incident_may_see(request.user):
            _deny(request, getattr(getattr(request, "activation", None), "process", None))
        return super().dispatch(request, *args, **kwargs)

    def _log(self, action):
        process = self.request.activation.process
        access_log_write(self.request, action=action, object_type="incident", object_ref=_ref(process), purpose=PURPOSE)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.request.activation.process.pk:
            self._log(AccessAction.READ)
        return response


class IncidentRegisterView(IncidentAccessMixin, CreateProcessView):
    form_class = IncidentRegisterForm

    def form_valid(self, form):
        response = super().form_valid(form)  # saves and executes the start task
        services.incident_register(self.object, user=self.request.user)
        self._log(AccessAction.CREATE)
        return response


class IncidentTaskView(IncidentAccessMixin, UpdateProcessView):
    def form_valid(self, form):
        response = super().form_valid(form)
        self._after(self.object)
        self._log(AccessAction.UPDATE)
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


class IncidentProcessDetailView(DetailProcessView):
    """Viewflow's process page, narrowed to kernpartijen/uitvoerder and logged."""

    def dispatch(self, request, *args, **kwargs):
        if not selectors.incident_may_see(request.user):
            _deny(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        access_log_write(
            request,
            action=AccessAction.READ,
            object_type="incident",
            object_ref=_ref(self.get_object()),
            purpose=PURPOSE,
        )
        return response


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    """The register: overdue breaches first, with the 72-hour AP deadline per breach."""
    if not selectors.incident_may_see(request.user):
        _deny(request)
    now = timezone.now()
    incidents = selectors.incidents_register_order(selectors.incidents_visible_to(request.user), now)
    rows = [{"incident": i, "state": i.deadline_state(now)} for i in incidents]
    access_log_write(
        request, action=AccessAction.SEARCH, object_type="incident", object_ref="register", purpose=PURPOSE
    )
    context = {"rows": rows, "now": now, "may_register": selectors.incident_may_register(request.user)}
    return render(request, "incidents/register.html", context)


@require_GET
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    if not selectors.incident_may_see(request.user):
        _deny(request)
    incident = selectors.incidents_visible_to(request.user).filter(reference=reference).first()
    if incident is None:
        raise Http404
    access_log_write(
        request, action=AccessAction.READ, object_type="incident", object_ref=incident.reference, purpose=PURPOSE
    )
    tasks = incident.task_set.select_related("owner").order_by("created")
    context = {"incident": incident, "state": incident.deadline_state(), "tasks": tasks}
    return render(request, "incidents/detail.html", context)
