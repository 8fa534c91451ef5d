"""The destruction ledger (issue 15.5): every executed destruction (art. 13) is appended to a file
outside the database and outside the backups, ``DESTRUCTION_LEDGER_PATH``. After a restore of an
older backup, ``destructions_reapply`` carries out again every destruction the ledger holds whose
file the restored database still has, so a restore never brings destroyed data back.

A line holds what the *verklaring van vernietiging* holds: kind, pseudonymous file number, rule,
dates and list id. Never personal data.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from casusoverleg.models import CasusoverlegFile
from retention.destruction import Doomed
from retention.models import DestructionList, DestructionListItem, FileKind, ItemStatus, ListStatus
from retention.rules import RULES_BY_CODE
from weegploeg.models import WeegploegFile

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LedgerEntry:
    kind: str
    file_number: str
    rule: str
    counted_from: datetime.date
    destroyed_at: datetime.datetime
    destruction_list_id: int | None


def ledger_path() -> Path:
    return Path(settings.DESTRUCTION_LEDGER_PATH)


def destruction_ledger_append(record) -> None:
    """Append one executed destruction (a ``DestructionRecord``) and force it to disk. Called by
    ``retention.services.file_destroy`` inside its transaction: a destruction is on file before it
    is committed (a rolled-back one may stay listed; re-applying it destroys a file that was due)."""
    line = json.dumps(
        {
            "kind": record.kind,
            "file_number": record.file_number,
            "rule": record.rule,
            "counted_from": record.counted_from.isoformat(),
            "destroyed_at": record.destroyed_at.isoformat(),
            "destruction_list_id": record.destruction_list_id,
        },
        separators=(",", ":"),
    )
    path = ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, (line + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def destruction_ledger_read(path: Path | None = None) -> list[LedgerEntry]:
    try:
        text = (path or ledger_path()).read_text(encoding="ascii")
    except FileNotFoundError:
        return []
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            entries.append(
                LedgerEntry(
                    kind=data["kind"],
                    file_number=data["file_number"],
                    rule=data["rule"],
                    counted_from=datetime.date.fromisoformat(data["counted_from"]),
                    destroyed_at=datetime.datetime.fromisoformat(data["destroyed_at"]),
                    destruction_list_id=data.get("destruction_list_id"),
                )
            )
        except (ValueError, KeyError, TypeError):
            raise ValueError(f"Regel {number} van het vernietigingsregister is beschadigd.") from None
    return entries


def _file_row(kind: str, number: str) -> dict | None:
    model = CasusoverlegFile if kind == FileKind.CASUSOVERLEG else WeegploegFile
    return model.objects.filter(number=number).values("pk", "last_processed_at").first()


def destructions_reapply(path: Path | None = None) -> list[str]:
    """Destroy again every file in the ledger that this database still holds (after a restore).
    The verklaring keeps its original time; an open item on a destruction list is marked done.
    The ledger gets the destruction once more (harmless: a file that is gone is skipped).
    Returns the file numbers destroyed again."""
    from retention.services.logged import files_destroy_logged  # it imports this module: cycle

    again = []
    for entry in destruction_ledger_read(path):
        row = _file_row(entry.kind, entry.file_number)
        if row is None:
            continue
        doomed = Doomed(
            row["pk"], entry.file_number, row["last_processed_at"], entry.counted_from, RULES_BY_CODE[entry.rule]
        )
        with transaction.atomic():
            item = DestructionListItem.objects.filter(file_number=entry.file_number, status=ItemStatus.OPEN).first()
            dlist = item.destruction_list if item else None
            if dlist is None and entry.destruction_list_id is not None:
                dlist = DestructionList.objects.filter(pk=entry.destruction_list_id).first()
            files_destroy_logged(entry.kind, [doomed], now=entry.destroyed_at, destruction_list=dlist)
            if item is not None:
                DestructionListItem.objects.filter(pk=item.pk).update(status=ItemStatus.VERNIETIGD)
                if not item.destruction_list.items.filter(status=ItemStatus.OPEN).exists():
                    DestructionList.objects.filter(pk=item.destruction_list_id, status=ListStatus.GOEDGEKEURD).update(
                        status=ListStatus.UITGEVOERD, executed_at=entry.destroyed_at
                    )
        again.append(entry.file_number)
        logger.info("destruction re-applied after restore: %s", entry.file_number)
    return again
