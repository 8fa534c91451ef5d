"""The task lifecycle of every flow: claim, release, reassign and complete, on viewflow's own
transitions. It knows no flow: the flows (``flows/``) and the domain services that move a process
on (a confirmed four-eyes decision, an incident step) use it alike, so it sits in the kernel.

Every transition runs under the flow's lock (``SELECT ... FOR UPDATE NOWAIT`` on the process
row) inside one transaction: the business write and the move to the next task commit together
or not at all. Two people completing the same task at once: the first wins, the second gets
``TaskUnavailable`` with a Dutch message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.status import STATUS

if TYPE_CHECKING:
    from accounts.models import User

T = TypeVar("T")

OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


class TaskUnavailable(Exception):
    """The task cannot be taken or completed (done already, someone else's, or locked)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


LOCKED = "Iemand anders werkt op dit moment aan deze taak. Probeer het over een ogenblik opnieuw."
DONE = "Deze taak is al afgerond, mogelijk door een collega. Er is niets gewijzigd."
NOT_YOURS = "Deze taak is aan een collega toegewezen. Er is niets gewijzigd."
NOT_ALLOWED = "U mag deze taak niet oppakken."


def _locked(task, body: Callable):
    try:
        with task.activation() as activation:
            return body(activation)
    except FlowLockFailed as error:
        raise TaskUnavailable(LOCKED) from error


def task_claim(task, user: User) -> None:
    """Take a task from the group queue ('oppakken')."""

    def body(activation):
        current = activation.task
        if current.status not in OPEN_STATUSES:
            raise TaskUnavailable(DONE)
        if current.owner_id == user.pk:
            return
        if current.owner_id is not None:
            raise TaskUnavailable(NOT_YOURS)
        if not activation.flow_task.can_assign(user, current):
            raise TaskUnavailable(NOT_ALLOWED)
        activation.assign(user)

    _locked(task, body)


def task_release(task, user: User) -> None:
    """Give a claimed task back to the group queue ('vrijgeven')."""

    def body(activation):
        current = activation.task
        if current.status != STATUS.ASSIGNED:
            raise TaskUnavailable(DONE if current.status not in OPEN_STATUSES else NOT_YOURS)
        if not activation.flow_task.can_unassign(user, current):
            raise TaskUnavailable(NOT_YOURS)
        activation.unassign()

    _locked(task, body)


def task_reassign(task, by: User, to: User) -> None:
    """The uitvoerder (manage permission) hands a task to a colleague who may take it."""

    def body(activation):
        current = activation.task
        if current.status not in (STATUS.NEW, STATUS.ASSIGNED):
            raise TaskUnavailable(DONE)
        flow = activation.flow_class.instance
        if not flow.has_manage_permission(by):
            raise TaskUnavailable("Alleen de uitvoerder kan taken aan een ander toewijzen.")
        owner_id = current.owner_id
        current.owner_id = None  # may ``to`` take it if it were free?
        may_take = activation.flow_task.can_assign(to, current)
        current.owner_id = owner_id
        if not may_take:
            raise TaskUnavailable("Deze collega mag deze taak niet uitvoeren.")
        if current.status == STATUS.NEW:
            activation.assign(to)
        else:
            activation.reassign(to)

    _locked(task, body)


def task_complete(task, user: User, action: Callable[[], T]) -> T:
    """Claim the task if it is free, run ``action`` (the business write) and move the process on,
    all in one locked transaction."""

    def body(activation):
        current = activation.task
        if current.status not in OPEN_STATUSES:
            raise TaskUnavailable(DONE)
        if current.status == STATUS.NEW:
            if not activation.flow_task.can_assign(user, current):
                raise TaskUnavailable(NOT_ALLOWED)
            activation.assign(user)
        elif current.owner_id != user.pk:
            raise TaskUnavailable(NOT_YOURS)
        if current.status == STATUS.ASSIGNED:
            activation.start(None)
        result = action()
        activation.execute()
        return result

    return _locked(task, body)
