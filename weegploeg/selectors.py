"""Permission-filtered reads of the weegploeg file (art. 8.4) and the inbox queries.

Art. 8.4: only users of (participating) kernpartijen with the weegploeglid or uitvoerder role
see the file. Viewflow's permissions are model-wide; these functions are the per-user check
that every weegploeg screen calls.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from access.predicates import is_uitvoerder, role_permissions
from accounts.roles import Role
from core.processes import ProcessKind, process_flow
from weegploeg.access_rules import may_see_files
from weegploeg.models import MELDER_STATUS, MELDER_STATUS_PENDING, OPEN_FOR_MELDER, Analysis, Signal, WeegploegFile

if TYPE_CHECKING:
    from accounts.models import User

FILE_ROLES = frozenset({Role.WEEGPLOEGLID, Role.UITVOERDER})

# Default days from a task's creation to its due date, per task (``WEEGPLOEG_TASK_DUE_DAYS``).
DEFAULT_DUE_DAYS = {"analyse": 10, "supply_information": 10, "decide": 5, "information_duty": 10}


def weegploeg_access(user: User) -> bool:
    """Art. 8.4: may this user see weegploeg files at all? (The rule of ``access_rules``.)"""
    return may_see_files(user)


def weegploeg_is_uitvoerder(user: User) -> bool:
    return is_uitvoerder(user)


def weegploeg_files_visible_to(user: User) -> QuerySet[WeegploegFile]:
    """The weegploeg files this user may see: all of them for the weegploeg, none for anyone else."""
    if not weegploeg_access(user):
        return WeegploegFile.objects.none()
    return WeegploegFile.objects.filter(archived_at__isnull=True).select_related("subject")  # art. 13.2


def weegploeg_file_for(user: User, number: str) -> WeegploegFile | None:
    return weegploeg_files_visible_to(user).filter(number=number).first()


def analysis_latest_for(file: WeegploegFile) -> Analysis | None:
    """The file's most recent analysis (art. 7.3), with its answers, or ``None``."""
    return file.analyses.prefetch_related("items").order_by("-analysed_at", "-pk").first()


def analysis_initial_for(file: WeegploegFile) -> dict[str, str]:
    """Issue 14.4: a re-analysis (after "meer informatie") starts from the previous analysis — its
    answer and note per criterion and its summary. The next step is chosen anew. Criteria the
    published referentiekader no longer has are ignored by the form."""
    latest = analysis_latest_for(file)
    if latest is None:
        return {}
    initial = {"summary": latest.summary}
    for item in latest.items.all():
        initial[f"c_{item.criterion_code}"] = item.answer
        initial[f"n_{item.criterion_code}"] = item.note
    return initial


@dataclasses.dataclass(frozen=True)
class MelderSignal:
    file_number: str
    registered_at: datetime.datetime
    status: str
    open: bool = False  # issue 14.6: the melder may still add information


def signals_registered_by(user: User) -> list[MelderSignal]:
    """What the melder sees afterwards: that the signal was received and its outcome, never more."""
    rows = (
        Signal.objects.filter(registered_by=user, file__archived_at__isnull=True)  # art. 13.2
        .select_related("file")
        .only("registered_at", "file__number", "file__status")
        .order_by("-registered_at")[:100]
    )
    return [
        MelderSignal(
            row.file.number,
            row.registered_at,
            MELDER_STATUS.get(row.file.status, MELDER_STATUS_PENDING),
            row.file.status in OPEN_FOR_MELDER,
        )
        for row in rows
    ]


# --- The inbox: the shared task queries (the list itself is weegploeg.inbox) ------------------


def _weegploeg_flows():

    return process_flow(ProcessKind.WEEGPLOEG), process_flow(ProcessKind.ACCURACY_REVIEW)


def due_days() -> dict[str, int]:
    return {**DEFAULT_DUE_DAYS, **settings.WEEGPLOEG_TASK_DUE_DAYS}


def _tasks() -> QuerySet[Task]:
    """The human tasks of the weegploeg flows whose file is not archived (art. 13.2): the tasks with
    a stored due date and file (``TaskDue``), which both flows store for every human task in the
    transaction that creates it (``weegploeg.terms``). Through that one row, not the process, so that
    the inbox's default order walks the due-date index and stops after a page (issue 18)."""
    # The few archived files as a set, not a join of every task's file: the count and the stage
    # counts then read the tasks and their due rows only.
    archived = WeegploegFile.objects.filter(archived_at__isnull=False).values("pk")
    return Task.objects.filter(flow_task_type="HUMAN", weegploeg_due__isnull=False).exclude(
        weegploeg_due__file__in=archived
    )


def _permissions(user: User) -> set[str]:
    # From the user's roles, never ``get_all_permissions`` (which grants a superuser everything).
    return {p for p in role_permissions(user) if p.startswith("flows.")}


def _available_filter(user: User, tasks: QuerySet[Task]) -> QuerySet[Task]:
    from django.db.models import Q

    weegploeg_flow, _ = _weegploeg_flows()
    perms = _permissions(user)
    party_task = weegploeg_flow.supply_information
    free = tasks.filter(status=STATUS.NEW, owner__isnull=True, owner_permission__in=perms)
    return free.filter(~Q(flow_task=party_task) | Q(owner_permission_obj_pk=str(user.party_id)))


def _node_name(value) -> str:
    return getattr(value, "name", None) or str(value).rsplit(".", 1)[-1]


def weegploeg_reassign_candidates() -> QuerySet:
    """The colleagues a weegploeg task can be handed to: active weegploegleden and uitvoerders of a
    kernpartij (the flow's own rule decides per task when the assignment is made)."""
    from accounts.models import User

    names = [Role.WEEGPLOEGLID.group_name, Role.UITVOERDER.group_name]
    return (
        User.objects.filter(is_active=True, groups__name__in=names, party__role="kernpartij")
        .select_related("party")
        .distinct()
        .order_by("last_name", "username")
    )
