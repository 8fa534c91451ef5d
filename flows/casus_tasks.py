"""Handing a casusoverleg task to a colleague (issue 17 item 6), as the weegploeg does (art. 5, 10.1).

The uitvoerder (rule ``casusoverleg.reassign_task``) picks a colleague who may do the task: a
user of a party taking part in the case with full access, or for the closure decision a
kernpartij user with that permission (the flow's own ``CaseTask.can_assign``). The transition is
viewflow's own, under the flow lock (``flows.services.task_reassign``); the screen's access-log
row records the change of the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from access.screens import access_allowed
from accounts.roles import Role
from flows import services as flow_services

if TYPE_CHECKING:
    from viewflow.workflow.models import Task

    from accounts.models import User
    from casusoverleg.selectors import TaskOnCase

REASSIGN_RULE = "casusoverleg.reassign_task"
CASE_ROLES = (Role.CASUSOVERLEG_DEELNEMER, Role.UITVOERDER, Role.WEEGPLOEGLID)


def _may_take(user: User, task: Task) -> bool:
    """Could ``user`` take ``task`` if it were free?"""
    owner_id = task.owner_id
    task.owner_id = None
    try:
        return task.flow_task.can_assign(user, task)
    finally:
        task.owner_id = owner_id


def casus_task_candidates(task: Task) -> list[User]:
    """The active colleagues who may do this task (the flow's own rule, per user)."""
    from accounts.models import User

    users: QuerySet = (
        User.objects.filter(is_active=True, groups__name__in=[r.group_name for r in CASE_ROLES])
        .exclude(party__isnull=True)
        .select_related("party")
        .distinct()
        .order_by("last_name", "username")
    )
    return [user for user in users if user.pk != task.owner_id and _may_take(user, task)]


def casus_task_reassign(target: TaskOnCase, *, by: User, to: User) -> None:
    """Hand the task to ``to``: only the uitvoerder, only to a colleague who may do it, only while
    it is open (else ``TaskUnavailable`` with a Dutch message and nothing changes)."""
    if not access_allowed(by, REASSIGN_RULE, target):
        raise PermissionDenied("Alleen de uitvoerder kan taken van een casus aan een ander toewijzen.")
    flow_services.task_reassign(target.task, by, to)
