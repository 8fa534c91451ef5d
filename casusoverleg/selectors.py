"""Permission-filtered reads of the casusoverleg file (art. 9.1, 10.4, 10.5, 13.2) and the work list.

Every filter here is built on the predicates of ``casusoverleg.access_rules`` (the same ones the
screens' rules use), so a list never shows a case its screen would refuse:

* the uitvoerder (art. 5, 10.1, 10.3) keeps every active file and sees all of them;
* casusoverleg-deelnemers see the files of the cases their party takes part in (art. 10.4);
  users of any other party see nothing of it, not even that it exists;
* a user of an externe casuspartner that takes part sees the plan only (art. 10.5), plus what
  was disclosed to their organisation with recorded consent (``Disclosure``);
* kernpartij users with the decision permission (the weegploeglid role) see the closure task
  and the advice, nothing else (art. 9.4);
* archived files are out of every list (art. 13.2). Superuser status opens nothing.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from access.predicates import role_permissions
from access.screens import access_allowed
from casusoverleg.access_rules import DECIDE_PERMISSION, casus_deelnemer, casus_external, casus_uitvoerder
from casusoverleg.access_rules import may_decide_closure as _may_decide_closure
from casusoverleg.models import (
    CasusoverlegFile,
    DataKind,
    Disclosure,
    PlanVersion,
)
from core.processes import ProcessKind, process_flow

if TYPE_CHECKING:
    from accounts.models import User

FULL = "full"
PLAN = "plan"
LIST_LIMIT = 50
__all__ = ["DECIDE_PERMISSION", "FULL", "PLAN", "TaskOnCase"]


@dataclasses.dataclass
class TaskOnCase:
    """A casusoverleg task with its file: the object the task screens' rule is tested on."""

    task: Task
    file: CasusoverlegFile

    @property
    def number(self) -> str:
        return self.file.number


def casus_is_uitvoerder(user: User) -> bool:
    """Art. 5, 10.1: the uitvoerder (of a kernpartij) keeps every casusoverleg file."""
    return casus_uitvoerder.test(user)


def casus_is_deelnemer(user: User) -> bool:
    return casus_deelnemer.test(user)


def casus_is_external(user: User) -> bool:
    """Art. 10.5: a user of an externe casuspartner with that role."""
    return casus_external.test(user)


def casus_may_decide_closure(user: User) -> bool:
    """Art. 9.4: the kernpartijen decide on closure."""
    return _may_decide_closure.test(user)


def casus_any_access(user: User) -> bool:
    return casus_is_uitvoerder(user) or casus_is_deelnemer(user) or casus_is_external(user)


def _active_files() -> QuerySet[CasusoverlegFile]:
    return CasusoverlegFile.objects.filter(archived_at__isnull=True).select_related("subject")  # art. 13.2


def casus_files_visible_to(user: User) -> QuerySet[CasusoverlegFile]:
    """The files this user sees in full (``casusoverleg.view_file``): every active file for the
    uitvoerder, the participating party's cases for deelnemers, none for anyone else."""
    if casus_is_uitvoerder(user):
        return _active_files()
    if casus_is_deelnemer(user):
        return _active_files().filter(participants__party_id=user.party_id)
    return CasusoverlegFile.objects.none()


def casus_files_plan_visible_to(user: User) -> QuerySet[CasusoverlegFile]:
    """The files whose plan this user may read (``casusoverleg.view_plan``)."""
    if casus_is_external(user):
        return _active_files().filter(participants__party_id=user.party_id)
    return casus_files_visible_to(user)


def casus_level(user: User, file: CasusoverlegFile) -> str | None:
    """``FULL``, ``PLAN`` or ``None``: what the rules let this user see of this file."""
    if access_allowed(user, "casusoverleg.view_file", file):
        return FULL
    if access_allowed(user, "casusoverleg.view_plan", file):
        return PLAN
    return None


def casus_access(user: User, number: str) -> tuple[CasusoverlegFile | None, str | None]:
    """(file, ``FULL`` or ``PLAN``), or (None, None) when the user may not see this number."""
    file = CasusoverlegFile.objects.select_related("subject").filter(number=number).first()
    level = casus_level(user, file) if file is not None else None
    return (file, level) if level else (None, None)


def casus_task_target(task: Task) -> TaskOnCase | None:
    file = CasusoverlegFile.objects.select_related("subject").filter(process_id=task.process_id).first()
    return TaskOnCase(task, file) if file is not None else None


def casus_may_work(user: User, task: Task) -> bool:
    """The per-case rule for a task (``casusoverleg.work_task``): closure for the kernpartijen
    with that permission, the rest for full access to the case."""
    target = casus_task_target(task)
    return target is not None and access_allowed(user, "casusoverleg.work_task", target)


def disclosed_kinds(file: CasusoverlegFile, party_id: int) -> set[str]:
    """What was disclosed (with consent) to this externe casuspartner for this file (art. 10.5)."""
    kinds: set[str] = set()
    for row in Disclosure.objects.filter(file=file, recipient_id=party_id).values_list("data_kinds", flat=True):
        kinds.update(k for k in row if k in DataKind.values)
    return kinds


def plan_current(file: CasusoverlegFile) -> PlanVersion | None:
    """The adopted version in force (older adopted versions stay readable)."""
    return file.plan_versions.filter(adopted_at__isnull=False, superseded_at__isnull=True).first()


def plan_draft(file: CasusoverlegFile) -> PlanVersion | None:
    return file.plan_versions.filter(adopted_at__isnull=True).first()


# --- The work list: the task lists (the cases: casusoverleg.worklist) --------------------------


@dataclasses.dataclass(frozen=True)
class TaskRow:
    task_id: int
    title: str
    file_number: str
    initials: str
    due_on: datetime.date | None
    overdue: bool
    owner: str


def _casus_tasks() -> QuerySet[Task]:

    return Task.objects.filter(
        process__flow_class=process_flow(ProcessKind.CASUSOVERLEG), flow_task_type="HUMAN"
    ).exclude(
        process__casusoverleg_file__archived_at__isnull=False  # art. 13.2: archived files leave the lists
    )


def task_rows(user: User, today: datetime.date) -> tuple[list[TaskRow], list[TaskRow]]:
    """My open tasks and the tasks I may take, limited, with file number and initials only.

    A constant number of queries: each list is one query with its file and subject joined.
    """

    base = (
        _casus_tasks()
        .filter(status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED])
        .select_related("process__casusoverleg_file__subject", "owner")
        .order_by("created", "pk")
    )
    mine = list(base.filter(owner=user)[:LIST_LIMIT])
    perms = {p for p in role_permissions(user) if p.startswith("casusoverleg.")}
    free = base.filter(owner__isnull=True, status=STATUS.NEW, owner_permission__in=perms)
    visible_process_ids = casus_files_visible_to(user).values("process_id")
    decide = Q(flow_task=process_flow(ProcessKind.CASUSOVERLEG).decide_closure)
    if casus_may_decide_closure(user):
        free = free.filter(decide | Q(process_id__in=visible_process_ids))
    else:
        free = free.exclude(decide).filter(process_id__in=visible_process_ids)
    available = list(free[:LIST_LIMIT])

    def row(task: Task) -> TaskRow:
        file = getattr(task.process, "casusoverleg_file", None)
        if task.flow_task is process_flow(ProcessKind.CASUSOVERLEG).decide_closure or file is None:
            due = (task.created + datetime.timedelta(days=14)).date()
        elif task.flow_task is process_flow(ProcessKind.CASUSOVERLEG).review:
            due = file.next_review_on
        else:
            due = (task.created + datetime.timedelta(days=28)).date()
        return TaskRow(
            task_id=task.pk,
            title=str(task.flow_task.task_title),
            file_number=file.number if file else "—",
            initials=file.subject.initials if file else "—",
            due_on=due,
            overdue=bool(due and due < today),
            owner=(task.owner.get_full_name() or task.owner.username) if task.owner_id else "",
        )

    return [row(t) for t in mine], [row(t) for t in available]
