"""The locks that make two runs of ``retention_apply`` at once safe (issue 17 item 7)."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from retention.due import due_values
from retention.models import DestructionList, ListStatus

RUN_LOCK_ID = 0x52455431  # "RET1": the advisory lock of the writing parts of ``retention_apply``


def run_lock() -> None:
    """The lock every writing transaction of a run takes first (issue 17 item 7): on PostgreSQL a
    transaction-level advisory lock that a second run waits on; on SQLite the database write lock,
    taken now by an empty UPDATE rather than at the first real write. Held until the chunk commits,
    so a run reads the due files only after the other run's chunk is wholly visible."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RUN_LOCK_ID])
    else:
        DestructionList.objects.filter(pk__lt=0).update(status=ListStatus.CONCEPT)


def due_lock(pks: list[int], due: QuerySet) -> list[dict]:
    """Lock the rows of ``due`` among ``pks`` that are still due (skip rows another run holds) and
    return them."""
    return list(due_values(due.filter(pk__in=pks).select_for_update(skip_locked=True, of=("self",))))
