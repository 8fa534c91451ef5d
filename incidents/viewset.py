"""The incident flow's viewflow app and the access declaration of each of its screens.

Viewflow builds the URL patterns of this flow (process, task, list and action screens);
``flows.urls`` wraps every one of them with :func:`incident_screen`, so each goes through the
one access entry point: the rule (kernpartijen with the incident permission; a task's own
permission for working on it; the uitvoerder for cancel/undo/revive), the secrecy duty, and the
access log (one row per incident shown or changed, under its kenmerk).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern
from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.models import Task

from access.screens import work_screen
from incidents.models import IncidentProcess
from incidents.views import OBJECT_TYPE


class IncidentFlowViewset(FlowAppViewset):
    def has_view_permission(self, user, obj=None) -> bool:
        # viewflow's SiteMiddleware refuses before the view runs, without an access-log row; every
        # pattern of this viewset is declared through the entry point, which decides and logs.
        return bool(user and user.is_authenticated)


@dataclass
class IncidentTarget:
    """The incident (and the task, on task screens) a viewflow screen is about."""

    process: IncidentProcess
    task: Task | None = None

    @property
    def reference(self) -> str:
        return self.process.reference or f"incident-{self.process.pk}"


def incident_target_load(
    request: HttpRequest, process_pk: int, task_pk: int | None = None, **_
) -> IncidentTarget | None:
    """The incident by ``process_pk`` (and its task by ``task_pk``); a miss is ``None`` (403)."""
    process = IncidentProcess.objects.filter(pk=process_pk).first()
    if process is None:
        return None
    if task_pk is None:
        return IncidentTarget(process)
    task = Task.objects.filter(pk=task_pk, process_id=process.pk).first()
    return IncidentTarget(process, task) if task is not None else None


PURPOSES = {
    "index": "incidenten: werkproces",
    "execute": "incidenten: taak uitvoeren",
    "assign": "incidenten: taak oppakken",
    "unassign": "incidenten: taak vrijgeven",
    "revive": "incidenten: taak heropenen",
    "undo": "incidenten: taak terugdraaien",
    "cancel": "incidenten: taak annuleren",
    "detail": "incidenten: taak inzien",
    "process_detail": "incidenten: incident inzien",
    "process_cancel": "incidenten: incident annuleren",
    "process_chart": "incidenten: processchema van een incident",
    "process_list": "incidenten: lijst van incidenten",
    "task_list": "incidenten: lijst van taken",
    "inbox": "incidenten: mijn taken",
    "queue": "incidenten: taken om op te pakken",
    "archive": "incidenten: afgeronde taken",
    "chart": "incidenten: processchema",
    "tasks_assign": "incidenten: taken oppakken",
    "tasks_unassign": "incidenten: taken vrijgeven",
}
MANAGE = {"revive", "undo", "cancel", "process_cancel"}


def _rule(name: str, has_process: bool, has_task: bool) -> str:
    if name == "execute" and not has_process:
        return "incidents.register"  # the start: reporting an incident
    if name == "assign" and has_task:
        return "incidents.take_task"
    if name in ("execute", "unassign") and has_task:
        return "incidents.do_own_task"
    if name in MANAGE:
        return "incidents.manage"
    return "incidents.view_register"


def _shown(response) -> list[str]:
    """The kenmerken of the incidents a viewflow list page showed (one row names them all)."""
    context = getattr(response, "context_data", None) or {}
    page = context.get("page_obj")
    items = list(page.object_list) if page is not None else list(context.get("object_list") or [])
    process_ids = {getattr(item, "process_id", getattr(item, "pk", None)) for item in items}
    refs = IncidentProcess.objects.filter(pk__in=[p for p in process_ids if p]).values_list("pk", "reference")
    return [reference or f"incident-{pk}" for pk, reference in refs]


def incident_screen(pattern: URLPattern) -> Callable:
    """The viewflow callback of ``pattern``, declared through the one access entry point."""
    callback = pattern.callback
    route = str(pattern.pattern)
    name = pattern.name or "index"
    has_process, has_task = "<int:process_pk>" in route, "<int:task_pk>" in route
    load = incident_target_load if has_process else None

    def screen(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        target = args[0] if load is not None else None
        response = callback(request, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()  # inside the entry point's transaction, before the rows are written
        record = request.access
        if not record.rows:
            if request.method == "POST" and response.status_code in (302, 303) and target is not None:
                record.changed(target)  # a lifecycle action that went through
            elif target is None and request.method == "GET":
                shown = _shown(response)
                if shown:
                    record.listed(shown)
        return response

    screen.__name__ = screen.__qualname__ = "incident_" + re.sub(r"\W+", "_", route).strip("_")
    screen.__module__ = __name__
    rule = _rule(name, has_process, has_task)
    purpose = "incidenten: incident melden" if rule == "incidents.register" else PURPOSES.get(name)
    return work_screen(
        rule=rule,
        purpose=purpose or f"incidenten: werkproces ({name})",
        object_type=OBJECT_TYPE,
        screen_ref="incidenten-werkproces",
        load=load,
        methods=("GET", "POST"),
    )(screen)
