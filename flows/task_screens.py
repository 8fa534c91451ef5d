"""What every flow's task screens share: claim and release answered the same way everywhere.

The screens themselves are declared through the access entry point by their own app; ``target``
is the loaded task with its file (``.task``, ``.file``), and the lifecycle goes through
``flows.services`` (viewflow's own transitions, under the flow lock).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from flows import services as flow_services

CLAIMED = "U hebt de taak opgepakt."
RELEASED = "De taak staat weer klaar voor de groep."


def task_lifecycle_respond(
    request: HttpRequest, target, operation: Callable, done_message: str, task_url_name: str
) -> HttpResponse:
    """Run ``operation(task)``; a task that is no longer available is a message, not an error."""
    try:
        operation(target.task)
    except flow_services.TaskUnavailable as error:
        request.access.read(target.file)
        messages.error(request, error.message)
    else:
        request.access.changed(target.file)
        messages.success(request, done_message)
    return redirect(task_url_name, task_id=target.task.pk)


def task_claim_respond(request: HttpRequest, target, task_url_name: str) -> HttpResponse:
    claim = lambda task: flow_services.task_claim(task, request.user)  # noqa: E731
    return task_lifecycle_respond(request, target, claim, CLAIMED, task_url_name)


def task_release_respond(request: HttpRequest, target, task_url_name: str) -> HttpResponse:
    release = lambda task: flow_services.task_release(task, request.user)  # noqa: E731
    return task_lifecycle_respond(request, target, release, RELEASED, task_url_name)
