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
from django.db.models import Count, QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from access.predicates import is_uitvoerder, role_permissions
from accounts.roles import Role
from weegploeg.access_rules import may_see_files
from weegploeg.models import MELDER_STATUS, MELDER_STATUS_PENDING, Signal, WeegploegFile
from weegploeg.templatetags.weegploeg_tags import TASK_STATUS_NL

if TYPE_CHECKING:
    from accounts.models import User

FILE_ROLES = frozenset({Role.WEEGPLOEGLID, Role.UITVOERDER})
INBOX_LIMIT = 50
DONE_LIMIT = 20

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


@dataclasses.dataclass(frozen=True)
class MelderSignal:
    file_number: str
    registered_at: datetime.datetime
    status: str


def signals_registered_by(user: User) -> list[MelderSignal]:
    """What the melder sees afterwards: that the signal was received and its outcome, never more."""
    rows = (
        Signal.objects.filter(registered_by=user, file__archived_at__isnull=True)  # art. 13.2
        .select_related("file")
        .only("registered_at", "file__number", "file__status")
        .order_by("-registered_at")[:100]
    )
    return [
        MelderSignal(row.file.number, row.registered_at, MELDER_STATUS.get(row.file.status, MELDER_STATUS_PENDING))
        for row in rows
    ]


# --- The inbox ----------------------------------------------------------------------------------


def _weegploeg_flows():
    from flows.weegploeg import AccuracyReviewFlow, WeegploegFlow

    return WeegploegFlow, AccuracyReviewFlow


def due_days() -> dict[str, int]:
    return {**DEFAULT_DUE_DAYS, **getattr(settings, "WEEGPLOEG_TASK_DUE_DAYS", {})}


@dataclasses.dataclass(frozen=True)
class InboxRow:
    task_id: int
    title: str
    stage: str
    file_number: str
    initials: str
    due_on: datetime.date | None
    overdue: bool
    owner: str
    status: str


@dataclasses.dataclass(frozen=True)
class Inbox:
    mine: list[InboxRow]
    available: list[InboxRow]
    done: list[InboxRow]
    counts: list[tuple[str, int]]
    mine_total: int
    available_total: int

    def file_numbers(self) -> list[str]:
        """Every file number the inbox shows (for the one access-log row of the list)."""
        return [row.file_number for row in (*self.mine, *self.available, *self.done)]


def _tasks() -> QuerySet[Task]:
    weegploeg_flow, review_flow = _weegploeg_flows()
    archived = WeegploegFile.objects.filter(archived_at__isnull=False).values("pk")  # art. 13.2: out of the lists
    return Task.objects.filter(process__flow_class__in=[weegploeg_flow, review_flow], flow_task_type="HUMAN").exclude(
        process__artifact_object_id__in=archived
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


def _rows(tasks: list[Task], today: datetime.date) -> list[InboxRow]:
    """Rows with file number and initials only; review tasks find their file in one query."""
    weegploeg_flow, review_flow = _weegploeg_flows()
    review_file_ids = {t.process.artifact_object_id for t in tasks if t.flow_task.flow_class is review_flow}
    review_files = (
        {f.pk: f for f in WeegploegFile.objects.filter(pk__in=review_file_ids).select_related("subject")}
        if review_file_ids
        else {}
    )
    days = due_days()
    rows = []
    for task in tasks:
        if task.flow_task.flow_class is review_flow:
            file = review_files.get(task.process.artifact_object_id)
            due = file.next_review_on if file else None
        else:
            file = getattr(task.process, "weegploeg_file", None)
            due = (task.created + datetime.timedelta(days=days.get(task.flow_task.name, 10))).date()
        rows.append(
            InboxRow(
                task_id=task.pk,
                title=str(task.flow_task.task_title),
                stage=task.flow_task.name,
                file_number=file.number if file else "—",
                initials=file.subject.initials if file else "—",
                due_on=due,
                overdue=bool(due and due < today and task.status in (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)),
                owner=(task.owner.get_full_name() or task.owner.username) if task.owner_id else "",
                status=TASK_STATUS_NL.get(task.status, task.status),
            )
        )
    return rows


def _node_name(value) -> str:
    return getattr(value, "name", None) or str(value).rsplit(".", 1)[-1]


def inbox_for(user: User, today: datetime.date) -> Inbox:
    """My tasks, tasks my group may take, and my done tasks; plus open tasks per stage.

    The number of queries does not grow with the number of processes: each list is one query
    (with its file and subject joined), limited to ``INBOX_LIMIT`` rows, plus one for review files.
    """
    base = _tasks().select_related("process__weegploeg_file__subject", "owner").order_by("created", "pk")
    mine_qs = base.filter(owner=user, status__in=[STATUS.ASSIGNED, STATUS.STARTED])
    available_qs = _available_filter(user, base)
    done_qs = base.filter(owner=user, status=STATUS.DONE).order_by("-finished", "-pk")
    mine = list(mine_qs[:INBOX_LIMIT])
    available = list(available_qs[:INBOX_LIMIT])
    done = list(done_qs[:DONE_LIMIT])
    rows = _rows(mine + available + done, today)
    by_id = {row.task_id: row for row in rows}
    titles = {node.name: str(node.task_title) for flow in _weegploeg_flows() for node in flow.instance.nodes()}
    counts_qs = (
        _tasks()
        .filter(status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED])
        .values("flow_task")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = sorted(
        ((titles.get(_node_name(row["flow_task"]), "Overig"), row["n"]) for row in counts_qs),
        key=lambda pair: pair[0],
    )
    return Inbox(
        mine=[by_id[t.pk] for t in mine],
        available=[by_id[t.pk] for t in available],
        done=[by_id[t.pk] for t in done],
        counts=counts,
        mine_total=mine_qs.count(),
        available_total=available_qs.count(),
    )
