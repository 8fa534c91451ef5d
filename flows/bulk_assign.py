"""The uitvoerder hands several weegploeg tasks to one colleague at once (issue 14 item 2).

Each task is checked by the rule of the single assignment (``weegploeg.reassign_task``) and
assigned through the same ``core.tasks.task_reassign``, each under its own flow lock: one refused
or locked task does not stop the others; each assigned task is logged as a change of its file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse

from access.screens import access_allowed, work_screen
from core import tasks
from flows.weegploeg import OBJECT_TYPE, SCREENS
from weegploeg.forms import ReassignForm
from weegploeg.selectors import weegploeg_reassign_candidates

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class BulkAssignResult:
    """What ``tasks_assign_bulk`` did: the targets assigned, and per refused target the reason."""

    assigned: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (target, Dutch message)


NOT_ASSIGNABLE = "U mag deze taak niet toewijzen."


def tasks_assign_bulk(targets, *, by: User, to: User, rule: str) -> BulkAssignResult:
    """The uitvoerder hands several tasks to one colleague at once (issue 14 item 2).

    Each target (an object with ``.task``, e.g. ``TaskOnFile``) is checked by the same access
    rule as the single assignment screen and assigned through the same ``task_reassign``, each
    under its own flow lock: one refused or locked task does not stop the others."""
    result = BulkAssignResult()
    for target in targets:
        if not access_allowed(by, rule, target):
            result.refused.append((target, NOT_ASSIGNABLE))
            continue
        try:
            tasks.task_reassign(target.task, by, to)
        except tasks.TaskUnavailable as error:
            result.refused.append((target, error.message))
        else:
            result.assigned.append(target)
    return result


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
    form = ReassignForm(request.POST, candidates=weegploeg_reassign_candidates())
    raw_ids = request.POST.getlist("taak")
    ids = sorted({int(v) for v in raw_ids if v.isdigit()})[:BULK_MAX]
    if not ids:
        messages.error(request, "Kies een of meer taken om toe te wijzen. Er is niets gewijzigd.")
        return _inbox_back(request)
    if not form.is_valid():
        messages.error(request, "Kies een collega uit de lijst om de taken aan toe te wijzen. Er is niets gewijzigd.")
        return _inbox_back(request)
    to = form.cleaned_data["user"]
    targets = [SCREENS.load(request, task_id=task_id) for task_id in ids]
    missing = sum(1 for target in targets if target is None)
    result = tasks_assign_bulk(
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
    refused += [("—", NOT_ASSIGNABLE)] * missing
    for number, message in refused:
        messages.error(request, f"Dossier {number}: {message}" if number != "—" else message)
    return _inbox_back(request)


urlpatterns = [path("toewijzen/", tasks_assign, name="assign_bulk")]
