"""Sealing the access log: outside the request, finished rows get a gapless seal number and a link
in the seal chain; checkpoints of the chain are appended to a file outside the database.

``manage.py seal_access_log`` runs ``access_log_seal`` (the deploy's systemd timer, every
``ACCESS_LOG_SEAL_INTERVAL`` seconds). Requests never wait for it: they only INSERT.

Which rows are *finished*, and why nothing is ever skipped
----------------------------------------------------------
SQLite has one writer at a time: a transaction holding an uncommitted row blocks every other
insert until it ends, so committed rows appear in id order and "every unsealed row with an id above
the last sealed row" is exactly the set of new finished rows.

PostgreSQL has many writers: ids come from a sequence at INSERT time, commits come in any order,
so a high-water mark on ids would skip a row whose transaction commits late. Each row therefore
stores the id of the (top-level) transaction that wrote it (``txid`` = ``pg_current_xact_id()``,
written by the INSERT itself). The sealer computes a horizon H (``_horizon``: like
``pg_snapshot_xmin(pg_current_snapshot())``, but counting only transactions of this database):
every transaction id below H has ended (committed, so its rows are visible to every later
statement, or rolled back, so its rows never will be). Each run seals exactly the unsealed rows with
``txid < H`` and records H (``horizon``) with its seals. Invariant: after a run with
horizon H, every row whose txid is below H is sealed. A row of a transaction still open at that
moment has ``txid >= H`` and is sealed by a later run, once its transaction has ended: late, never
skipped; and the next run only needs the rows with ``H <= txid < H_new`` (index on ``txid``).
One long-running *writing* transaction holds back the horizon, and with it the sealing of every
row written after it began: the unsealed window is the timer interval plus the longest writing
transaction (read-only transactions have no xid and do not count).

Seal order is therefore transaction-id order (by row id within one transaction): a total order of
finished rows that never has to be revised. Exact commit order is not observable in PostgreSQL
without ``track_commit_timestamp``, and nothing here depends on it.

After a restore into another cluster the xid counter may be lower than the stored horizons; the
sealer notices (current horizon below the last one) and seals once by an anti-join over all
unsealed rows below the new horizon. Rows restored unsealed whose txid lies *above* the new
cluster's counter are sealed by ``seal_access_log --full``, run once after the restore before the
application starts (it treats those txids as ended: they come from a cluster that no longer runs).

One sealer at a time: a session-level advisory lock on PostgreSQL (it does not give the sealer a
transaction id, so it never holds back its own horizon) and a file lock beside the checkpoint file.
The seal number's primary key and the one-seal-per-row constraint refuse a duplicate regardless.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from accesslog.integrity import GENESIS_HASH, seal_hash
from accesslog.models import AccessLogEntry, AccessLogSeal

logger = logging.getLogger(__name__)
checkpoint_logger = logging.getLogger("accesslog.checkpoint")

SEALER_LOCK_ID = 75_131_522  # any constant unique to this application (NEN 7513, art. 15.2e)
BATCH_SIZE = 2000


@dataclass(frozen=True)
class Checkpoint:
    seal_no: int
    seal_hash: str
    at: datetime.datetime

    def as_line(self) -> str:
        data = {"seal_no": self.seal_no, "seal_hash": self.seal_hash, "at": self.at.isoformat()}
        return json.dumps(data, separators=(",", ":")) + "\n"


@dataclass(frozen=True)
class SealResult:
    sealed: int
    head_no: int
    head_hash: str
    checkpoint: Checkpoint | None


def checkpoint_path() -> Path:
    return Path(settings.ACCESS_LOG_CHECKPOINT_PATH)


def checkpoint_parse(line: str) -> Checkpoint:
    """One line of the checkpoint file; ``ValueError`` when it is not a checkpoint."""
    data = json.loads(line)
    seal_no, hash_, at = data["seal_no"], data["seal_hash"], data["at"]
    if not isinstance(seal_no, int) or seal_no < 1 or not isinstance(hash_, str) or len(hash_) != 64:
        raise ValueError("geen controlepunt")
    return Checkpoint(seal_no, hash_, datetime.datetime.fromisoformat(at))


def checkpoint_last(path: Path | None = None) -> Checkpoint | None:
    """The last complete checkpoint in the file (reads only its tail)."""
    path = path or checkpoint_path()
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 8192))
            lines = handle.read().decode("utf-8", "replace").splitlines()
    except FileNotFoundError:
        return None
    for line in reversed(lines):
        with contextlib.suppress(ValueError, KeyError, TypeError):
            return checkpoint_parse(line)
    return None


def _checkpoint_append(checkpoint: Checkpoint, path: Path) -> None:
    """Append one line and force it to disk (O_APPEND: never rewrites what is there)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, checkpoint.as_line().encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    # The same line to the application log: with journald/syslog forwarding it leaves the host too.
    checkpoint_logger.info("checkpoint %s", checkpoint.as_line().strip())


@contextlib.contextmanager
def _sealer_lock() -> Iterator[None]:
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_lock(%s)", [SEALER_LOCK_ID])
                try:
                    yield
                finally:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_unlock(%s)", [SEALER_LOCK_ID])
            else:
                yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def _horizon() -> tuple[int, int, int | None]:
    """``(horizon, next_xid, own_xid)``: every transaction id below ``horizon`` that wrote in this
    database has ended; ``next_xid`` is the first id not yet handed out; ``own_xid`` is the sealer's
    own transaction id if it already has one (only when called inside a writing transaction, as
    tests and the shell do: its own rows are visible to it and are sealed with it, and the horizon
    stays at or below it, so rows it writes later are not below a recorded horizon).

    ``pg_snapshot_xmin`` alone is cluster-wide: a long transaction in *another* database of the same
    cluster would hold the horizon back. So: read the next xid first, then (with a fresh statistics
    snapshot) the xids of the transactions still running in this database. A transaction that gets
    its xid after the first read has one at or above ``next_xid``, so it cannot slip below the
    horizon; one running before it is either still listed or has ended. ``backend_xid`` is 32-bit:
    it is widened to the epoch of ``next_xid`` (a running xid is always within 2^31 below it).
    Prepared (two-phase) transactions are not listed; the project does not use them.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")
        (next_xid,) = cursor.fetchone()
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT backend_xid::text::bigint FROM pg_stat_activity "
            "WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        )
        running = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT pg_current_xact_id_if_assigned()::text::bigint")
        (own_xid,) = cursor.fetchone()
    low = next_xid & 0xFFFFFFFF
    widened = [next_xid - ((low - xid32) % 2**32) for xid32 in running]
    return min([next_xid, *widened, *([own_xid] if own_xid else [])]), next_xid, own_xid


def _pending(full: bool, last: tuple | None):
    """The unsealed finished rows, in seal order, and the horizon to record with them."""
    unsealed = AccessLogEntry.objects.filter(seal__isnull=True)
    if connection.vendor != "postgresql":
        last_entry_id = last[3] if last else 0
        rows = unsealed if full or last is None else unsealed.filter(id__gt=last_entry_id)
        return rows.order_by("id"), None
    horizon, next_xid, own_xid = _horizon()
    last_horizon = last[2] if last else None
    own = Q(txid=own_xid) if own_xid else Q(pk__in=[])
    if full or last_horizon is None or horizon < last_horizon:
        finished = Q(txid__lt=horizon) | Q(txid__isnull=True) | own
        if full:
            # Operator's choice after a restore, with no application process writing: rows whose
            # txid is at or above the next xid come from another cluster and have long ended.
            finished |= Q(txid__gte=next_xid)
        rows = unsealed.filter(finished)
    else:
        # A row without a txid did not come through ``_append`` (e.g. a data migration); it is
        # visible, so committed: sealed now rather than left behind below the horizon.
        rows = unsealed.filter(Q(txid__gte=last_horizon, txid__lt=horizon) | Q(txid__isnull=True) | own)
    return rows.order_by(F("txid").asc(nulls_first=True), "id"), horizon


def _seal_pending(*, full: bool, batch_size: int, now: datetime.datetime) -> int:
    """One transaction: the horizon is recorded together with every seal it allowed."""
    sealed = 0
    with transaction.atomic():
        last = (
            AccessLogSeal.objects.order_by("-seal_no")
            .values_list("seal_no", "seal_hash", "horizon", "entry_id")
            .first()
        )
        seal_no, prev = (last[0], last[1]) if last else (0, GENESIS_HASH)
        rows, horizon = _pending(full, last)
        while True:
            batch = list(rows.values_list("id", "row_hash")[:batch_size])
            if not batch:
                break
            seals = []
            for entry_id, row_hash in batch:
                seal_no += 1
                prev = seal_hash(prev_seal_hash=prev, seal_no=seal_no, entry_id=entry_id, row_hash=row_hash)
                seals.append(
                    AccessLogSeal(seal_no=seal_no, entry_id=entry_id, seal_hash=prev, sealed_at=now, horizon=horizon)
                )
            AccessLogSeal.objects.bulk_create(seals)
            sealed += len(seals)
    return sealed


def _checkpoint_if_due(*, force: bool, now: datetime.datetime) -> Checkpoint | None:
    head = AccessLogSeal.objects.order_by("-seal_no").values_list("seal_no", "seal_hash").first()
    if head is None:
        return None
    path = checkpoint_path()
    last = checkpoint_last(path)
    if last is not None and last.seal_no >= head[0]:
        return None  # nothing new (a checkpoint *beyond* the chain is for verification to report)
    interval = datetime.timedelta(seconds=settings.ACCESS_LOG_CHECKPOINT_INTERVAL)
    if last is not None and not force and now - last.at < interval:
        return None
    checkpoint = Checkpoint(head[0], head[1], now)
    _checkpoint_append(checkpoint, path)
    return checkpoint


def access_log_seal(
    *, full: bool = False, force_checkpoint: bool = False, batch_size: int = BATCH_SIZE, now=None
) -> SealResult:
    """Seal every finished unsealed row, then write a checkpoint when one is due.

    A checkpoint is due when the chain grew and the last one is ``ACCESS_LOG_CHECKPOINT_INTERVAL``
    seconds old (or there is none, or ``force_checkpoint``). It is written after the seals are
    committed, so it never names a seal that could still roll back — provided this runs outside a
    transaction, as the command does (inside one, as in tests, the caller's commit is the commit).
    """
    now = now or timezone.now()
    with _sealer_lock():
        sealed = _seal_pending(full=full, batch_size=max(1, batch_size), now=now)
        checkpoint = _checkpoint_if_due(force=force_checkpoint, now=now)
    head = AccessLogSeal.objects.order_by("-seal_no").values_list("seal_no", "seal_hash").first() or (0, GENESIS_HASH)
    if sealed:
        logger.info("access log: %s row(s) sealed, head %s", sealed, head[0])
    return SealResult(sealed, head[0], head[1], checkpoint)
