"""The acts a retention run performs on files, in the caller's transaction, each logged: one
access-log row per file (and for a destruction a ledger line outside the database, issue 15.5)."""

from __future__ import annotations

import datetime

from accesslog.models import AccessAction
from accesslog.services import access_log_write_system
from operations.ledger import destruction_ledger_append
from retention.destruction import Doomed, files_destroy
from retention.files import OBJECT_TYPES, file_model
from retention.models import DestructionList, DestructionRecord
from retention.processes import processes_cancel, processes_of

SYSTEM_PURPOSE_ARCHIVE = "Archivering na de bewaartermijn (art. 13.2)"
SYSTEM_PURPOSE_DESTROY = "Vernietiging na de bewaartermijn (art. 13)"


def files_archive_logged(kind: str, rows: list[dict], *, now: datetime.datetime) -> list[dict]:
    """Art. 13.2: archive these locked, due files (rows with ``pk`` and ``number``): they leave
    every work list (their open processes are cancelled through viewflow) and are read-only from
    now on. A file whose flow another transaction holds right now is left for the next run.
    Returns the rows archived."""
    model = file_model(kind)
    owner = processes_of(model, [r["pk"] for r in rows])
    busy = {owner[p] for p in processes_cancel(owner)}
    rows = [r for r in rows if r["pk"] not in busy]
    model.objects.filter(pk__in=[r["pk"] for r in rows]).update(archived_at=now)
    for r in rows:
        access_log_write_system(
            user=None,
            action=AccessAction.UPDATE,
            object_type=OBJECT_TYPES[kind],
            object_ref=r["number"],
            purpose=SYSTEM_PURPOSE_ARCHIVE,
        )
    return rows


def files_destroy_logged(
    kind: str,
    doomed: list[Doomed],
    *,
    now: datetime.datetime,
    destruction_list: DestructionList | None = None,
) -> list[DestructionRecord]:
    """Destroy locked, due, unheld files set-based (``retention.destruction``) in the caller's
    transaction; one access-log row and one ledger line per file destroyed."""
    records = files_destroy(kind, doomed, now=now, destruction_list=destruction_list)
    for record in records:
        access_log_write_system(
            user=None,
            action=AccessAction.DELETE,
            object_type=OBJECT_TYPES[kind],
            object_ref=record.file_number,
            purpose=SYSTEM_PURPOSE_DESTROY,
        )
        destruction_ledger_append(record)  # issue 15.5: outside the database, so a restore cannot undo it
    return records
