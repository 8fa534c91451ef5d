"""Verifying the access log: every row's HMAC, the seal chain, and the checkpoints outside the
database (``manage.py verify_access_log``; other commands call ``access_log_verify`` directly).

What each check proves:
- the HMAC (key outside the database): the row is exactly as written; a forged or rewritten row is
  named, however carefully everything after it was re-hashed;
- the seal chain: seal numbers run 1, 2, 3 … without a gap, every sealed row is still there, and
  the links match; every row's anchor (``prev_hash``) is a seal that existed before its own;
- the checkpoints: the chain still has, at each checkpoint's seal number, the hash it had then. A
  removed or re-numbered part of the chain (even re-sealed with the project's own functions) and a
  removed tail are noticed up to the last checkpoint. Rows sealed after it, and unsealed rows, are
  protected by their HMAC against change but not yet against removal: that is the documented window.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from accesslog.integrity import GENESIS_HASH, access_log_keys, constant_time_equal, entry_payload, row_hmac, seal_hash
from accesslog.models import AccessLogEntry, AccessLogSeal
from accesslog.sealing import Checkpoint, checkpoint_parse, checkpoint_path


@dataclass(frozen=True)
class VerifyReport:
    """``ok`` is the log's integrity; ``overdue`` (unsealed rows older than the window) is reported
    beside it: it means the sealing step is not running, not that a row was changed."""

    ok: bool
    count: int  # rows checked (sealed and unsealed)
    broken_id: int | None = None  # the first forged, changed or missing row
    reason: str = ""
    broken_seal_no: int | None = None
    sealed: int = 0
    unsealed: int = 0
    overdue: int = 0
    first_overdue_id: int | None = None
    checkpoints: int = 0
    last_checkpoint_seal_no: int | None = None
    legacy: int = 0  # rows from before the keyed log (see README)


ChainReport = VerifyReport  # the name before the keyed log


# Everything the HMAC covers, plus the id: rows are read as named tuples, not model instances.
ROW_FIELDS = (
    "id",
    "created_at",
    "user_id",
    "party_id",
    "roles",
    "action",
    "object_type",
    "object_ref",
    "shown_refs",
    "purpose",
    "allowed",
    "client_address",
    "prev_hash",
    "row_hash",
    "key_id",
    "nonce",
    "legacy_hash",
)
IN_BATCH = 900  # below SQLite's smallest limit on query parameters


def _rows_by_id(ids: list[int]) -> dict[int, tuple]:
    rows = {}
    for start in range(0, len(ids), IN_BATCH):
        batch = ids[start : start + IN_BATCH]
        rows.update(
            (row.id, row) for row in AccessLogEntry.objects.filter(id__in=batch).values_list(*ROW_FIELDS, named=True)
        )
    return rows


def _seal_numbers_of(hashes: set[str]) -> dict[str, int]:
    ordered, found = sorted(hashes), {}
    for start in range(0, len(ordered), IN_BATCH):
        batch = ordered[start : start + IN_BATCH]
        found.update(AccessLogSeal.objects.filter(seal_hash__in=batch).values_list("seal_hash", "seal_no"))
    return found


class _Broken(Exception):
    def __init__(self, reason: str, *, entry_id: int | None = None, seal_no: int | None = None):
        super().__init__(reason)
        self.reason, self.entry_id, self.seal_no = reason, entry_id, seal_no


def entry_problem(entry, keys: dict[str, str]) -> str:
    """Why this row's HMAC does not hold, or ``""``."""
    key = keys.get(entry.key_id)
    if key is None:
        return f"de rij is ondertekend met een onbekende sleutel (sleutel-id {entry.key_id or 'leeg'})"
    if not constant_time_equal(row_hmac(key, entry_payload(entry)), entry.row_hash or ""):
        return "de inhoud van de rij is gewijzigd (de HMAC klopt niet)"
    return ""


def checkpoints_read() -> list[Checkpoint]:
    """Every checkpoint in the file, in order; ``_Broken`` when a line is damaged or out of order."""
    try:
        text = checkpoint_path().read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    result: list[Checkpoint] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            checkpoint = checkpoint_parse(line)
        except (ValueError, KeyError, TypeError):
            raise _Broken(f"regel {number} van het bestand met controlepunten is beschadigd") from None
        if result and checkpoint.seal_no <= result[-1].seal_no:
            raise _Broken(f"regel {number} van het bestand met controlepunten staat niet in volgorde")
        result.append(checkpoint)
    return result


def _seal_chunks(chunk_size: int) -> Iterator[list[tuple]]:
    last = 0
    while True:
        chunk = list(
            AccessLogSeal.objects.filter(seal_no__gt=last)
            .order_by("seal_no")
            .values_list("seal_no", "entry_id", "seal_hash", "sealed_at")[:chunk_size]
        )
        if not chunk:
            return
        yield chunk
        last = chunk[-1][0]


class _Walk:
    def __init__(self, keys: dict[str, str], checkpoints: list[Checkpoint]):
        self.keys = keys
        self.by_seal_no = {c.seal_no: c for c in checkpoints}
        self.expected = 1
        self.prev = GENESIS_HASH
        self.legacy_phase = True
        self.legacy = 0
        self.first_sealed_at: datetime.datetime | None = None

    def chunk(self, chunk: list[tuple]) -> None:
        entries = _rows_by_id([row[1] for row in chunk])
        anchors = {e.prev_hash for e in entries.values() if not e.legacy_hash and e.prev_hash != GENESIS_HASH}
        anchor_no = _seal_numbers_of(anchors)
        for seal_no, entry_id, stored_hash, sealed_at in chunk:
            if self.first_sealed_at is None:
                self.first_sealed_at = sealed_at
            if seal_no != self.expected:
                raise _Broken(
                    f"zegel {self.expected} ontbreekt (de keten springt naar zegel {seal_no})", seal_no=seal_no
                )
            entry = entries.get(entry_id)
            if entry is None:
                raise _Broken(f"rij {entry_id} (zegel {seal_no}) ontbreekt", entry_id=entry_id, seal_no=seal_no)
            problem = entry_problem(entry, self.keys)
            if problem:
                raise _Broken(problem, entry_id=entry_id, seal_no=seal_no)
            self._order(entry, seal_no, anchor_no)
            computed = seal_hash(prev_seal_hash=self.prev, seal_no=seal_no, entry_id=entry_id, row_hash=entry.row_hash)
            if not constant_time_equal(computed, stored_hash):
                raise _Broken("de zegelketen is verbroken bij deze rij", entry_id=entry_id, seal_no=seal_no)
            checkpoint = self.by_seal_no.get(seal_no)
            if checkpoint is not None and not constant_time_equal(checkpoint.seal_hash, computed):
                raise _Broken(
                    f"de keten wijkt af van het controlepunt bij zegel {seal_no} ({checkpoint.at:%Y-%m-%d %H:%M:%S}): "
                    "gezegelde rijen tot en met dit punt zijn verwijderd, toegevoegd of opnieuw gezegeld",
                    entry_id=entry_id,
                    seal_no=seal_no,
                )
            self.prev = computed
            self.expected += 1

    def _order(self, entry, seal_no: int, anchor_no: dict[str, int]) -> None:
        if entry.legacy_hash:
            if not self.legacy_phase:
                raise _Broken("een rij van vóór de sleutel staat na nieuwere rijen", entry_id=entry.id, seal_no=seal_no)
            self.legacy += 1
            return
        self.legacy_phase = False
        if entry.prev_hash != GENESIS_HASH and anchor_no.get(entry.prev_hash, seal_no) >= seal_no:
            raise _Broken(
                "de rij verwijst naar een zegel dat niet (meer) vóór haar in de keten staat",
                entry_id=entry.id,
                seal_no=seal_no,
            )


def _unsealed_chunks(chunk_size: int) -> Iterator[list[tuple]]:
    last = 0
    while True:
        chunk = list(
            AccessLogEntry.objects.filter(seal__isnull=True, id__gt=last)
            .order_by("id")
            .values_list(*ROW_FIELDS, named=True)[:chunk_size]
        )
        if not chunk:
            return
        yield chunk
        last = chunk[-1].id


def access_log_verify(chunk_size: int = 5000, *, now: datetime.datetime | None = None) -> VerifyReport:
    """Check the whole access log; the first problem found is named (row id and/or seal number).

    Order: the checkpoint file, then the sealed chain in seal order (HMAC, link, checkpoint per
    row), then the checkpoints beyond the chain, then every unsealed row's HMAC and age.
    Constant memory apart from the checkpoints; linear in the number of rows.
    """
    now = now or timezone.now()
    keys = access_log_keys()
    sealed = unsealed = overdue = 0
    first_overdue_id = None
    checkpoints: list[Checkpoint] = []
    walk = _Walk(keys, [])
    try:
        checkpoints = checkpoints_read()
        walk = _Walk(keys, checkpoints)
        for chunk in _seal_chunks(chunk_size):
            walk.chunk(chunk)
            sealed += len(chunk)
        chain_end = walk.expected - 1
        beyond = [c for c in checkpoints if c.seal_no > chain_end]
        if beyond:
            raise _Broken(
                f"de keten eindigt bij zegel {chain_end}, maar controlepunt {beyond[0].seal_no} "
                f"({beyond[0].at:%Y-%m-%d %H:%M:%S}) bestaat: gezegelde rijen aan het eind zijn verwijderd",
                seal_no=chain_end + 1,
            )
        grace = datetime.timedelta(seconds=settings.ACCESS_LOG_UNSEALED_WINDOW)
        if not checkpoints and walk.first_sealed_at is not None and walk.first_sealed_at < now - grace:
            raise _Broken(f"het bestand met controlepunten ontbreekt of is leeg ({checkpoint_path()})")
        window = now - datetime.timedelta(seconds=settings.ACCESS_LOG_UNSEALED_WINDOW)
        for chunk in _unsealed_chunks(chunk_size):
            for entry in chunk:
                problem = entry_problem(entry, keys)
                if problem:
                    raise _Broken(f"{problem} (nog niet gezegeld)", entry_id=entry.id)
                if entry.created_at < window:
                    overdue += 1
                    first_overdue_id = first_overdue_id or entry.id
            unsealed += len(chunk)
    except _Broken as broken:
        return VerifyReport(
            False,
            walk.expected - 1 + unsealed,  # rows found in order before the problem
            broken_id=broken.entry_id,
            reason=broken.reason,
            broken_seal_no=broken.seal_no,
            sealed=walk.expected - 1,
            checkpoints=len(checkpoints),
            legacy=walk.legacy,
        )
    return VerifyReport(
        True,
        sealed + unsealed,
        sealed=sealed,
        unsealed=unsealed,
        overdue=overdue,
        first_overdue_id=first_overdue_id,
        checkpoints=len(checkpoints),
        last_checkpoint_seal_no=checkpoints[-1].seal_no if checkpoints else None,
        legacy=walk.legacy,
    )
