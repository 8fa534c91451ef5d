"""Backup and restore (issue 15.5; README "Back-up en herstel").

``backup_create`` writes one timestamped file into ``BACKUP_DIR`` (PostgreSQL: ``pg_dump`` custom
format; SQLite: the online backup API) and a SHA-256 checksum file beside it (``sha256sum``
format). ``backup_restore`` checks the checksum, restores into an *empty* database only, makes the
access-log checkpoints match the restored chain, verifies the access log, carries out again the
destructions recorded since (``operations.ledger``), records the restore in the access log and
verifies the log once more. Until it has finished the site must stay closed.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.utils import timezone

from accesslog.models import AccessAction, AccessLogSeal
from accesslog.sealing import checkpoint_parse, checkpoint_path
from accesslog.services import access_log_write_system
from accesslog.verification import access_log_verify
from operations.ledger import destructions_reapply

PREFIX = "casusoverleg-"
SUFFIXES = {"postgresql": ".dump", "sqlite": ".sqlite3"}


class BackupError(Exception):
    """A refusal or failure with a Dutch message for the operator (no personal data)."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    checksum_path: Path
    sha256: str
    removed: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class RestoreReport:
    path: Path
    reapplied: list[str]
    log_rows: int
    checkpoints_set_aside: Path | None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def checksum_path_of(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict, what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        # pg_dump/pg_restore name tables and options, never row contents.
        raise BackupError(f"{what} is mislukt (code {result.returncode}): {result.stderr.strip()[-500:]}")


def backup_prune(directory: Path, keep_days: int, *, now: datetime.datetime | None = None) -> list[Path]:
    """Remove backups (and their checksum files) older than ``keep_days`` days (art. 13)."""
    limit = (now or timezone.now()).timestamp() - keep_days * 86400
    removed = []
    for path in sorted(directory.glob(f"{PREFIX}*")):
        if path.suffix in SUFFIXES.values() and path.stat().st_mtime < limit:
            for victim in (path, checksum_path_of(path)):
                victim.unlink(missing_ok=True)
            removed.append(path)
    return removed


def backup_create(directory: Path | str | None = None, *, using: str = "default") -> BackupResult:
    """Write a consistent copy of the database and its checksum; then prune old backups."""
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in SUFFIXES:
        raise BackupError(f"Back-up wordt niet ondersteund voor database '{vendor}'.")
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = directory / f"{PREFIX}{stamp}{SUFFIXES[vendor]}"
    partial = path.with_name(path.name + ".deel")
    if vendor == "postgresql":
        db = connection.settings_dict
        args, env = _pg_env(db)
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial), *args]
        _run([*command, "--dbname", str(db["NAME"])], env, "pg_dump")
    else:
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)  # the online backup API: consistent while in use
        finally:
            target.close()
    os.chmod(partial, 0o600)
    partial.replace(path)
    digest = sha256_of(path)
    checksum = checksum_path_of(path)
    checksum.write_text(f"{digest}  {path.name}\n", encoding="ascii")
    os.chmod(checksum, 0o600)
    removed = backup_prune(directory, int(settings.BACKUP_KEEP_DAYS))
    return BackupResult(path, checksum, digest, removed)


def checksum_verify(path: Path) -> str:
    checksum = checksum_path_of(path)
    if not path.is_file():
        raise BackupError(f"Het back-upbestand {path.name} bestaat niet.")
    if not checksum.is_file():
        raise BackupError(f"Het controlesombestand {checksum.name} ontbreekt; herstel is geweigerd.")
    expected = checksum.read_text(encoding="ascii").split()[0].lower()
    actual = sha256_of(path)
    if actual != expected:
        raise BackupError(f"De controlesom van {path.name} klopt niet: het bestand is beschadigd of gewijzigd.")
    return actual


def database_is_empty(using: str = "default") -> bool:
    connection = connections[using]
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def _restore_into(path: Path, using: str) -> None:
    connection = connections[using]
    if connection.vendor == "postgresql":
        if path.suffix != SUFFIXES["postgresql"]:
            raise BackupError("Dit is geen back-up van een PostgreSQL-database.")
        db = connection.settings_dict
        args, env = _pg_env(db)
        connection.close()
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", *args]
        _run([*command, "--dbname", str(db["NAME"]), str(path)], env, "pg_restore")
        # pg_restore leaves no planner statistics; until autovacuum gets round to every table the
        # first work lists would be planned blind (the PostgreSQL manual: ANALYZE after a restore).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif connection.vendor == "sqlite":
        if path.suffix != SUFFIXES["sqlite"]:
            raise BackupError("Dit is geen back-up van een SQLite-database.")
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        raise BackupError(f"Herstel wordt niet ondersteund voor database '{connection.vendor}'.")
    ContentType.objects.clear_cache()


def checkpoints_align() -> Path | None:
    """A restored chain ends earlier than the checkpoints made since the backup. Those checkpoints
    describe seals the restored database does not have (and new seals will reuse their numbers):
    the file is set aside whole (kept, never edited) and a new file holds the checkpoints up to the
    restored chain's end. Returns the set-aside file, or ``None`` when nothing had to move."""
    path = checkpoint_path()
    if not path.is_file():
        return None
    chain_end = AccessLogSeal.objects.order_by("-seal_no").values_list("seal_no", flat=True).first() or 0
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    keep = [line for line in lines if line.strip() and checkpoint_parse(line).seal_no <= chain_end]
    if len(keep) == len([line for line in lines if line.strip()]):
        return None
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.voor-herstel-{stamp}")
    shutil.move(path, aside)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL, 0o640)
    try:
        os.write(fd, "".join(keep).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return aside


def _verify_log(when: str) -> int:
    report = access_log_verify()
    if not report.ok:
        where = f"rij {report.broken_id}" if report.broken_id is not None else f"zegel {report.broken_seal_no}"
        raise BackupError(f"Het toegangslog klopt niet {when}: eerste verbroken schakel bij {where} ({report.reason}).")
    return report.count


def backup_restore(path: Path | str, *, using: str = "default") -> RestoreReport:
    """Restore ``path`` into the empty database ``using`` and make it safe to open (see module)."""
    path = Path(path)
    checksum_verify(path)
    if not database_is_empty(using):
        raise BackupError(
            "De database is niet leeg. Herstel gebeurt alleen in een lege database: maak een nieuwe, lege "
            "database aan, wijs DATABASE_URL daarnaar en start het herstel opnieuw. Er is niets gewijzigd."
        )
    _restore_into(path, using)
    aside = checkpoints_align()
    _verify_log("in de back-up")
    reapplied = destructions_reapply()
    access_log_write_system(
        user=None,
        action=AccessAction.CREATE,
        object_type="database",
        object_ref=path.name[:64],
        purpose=f"Herstel van een back-up; {len(reapplied)} vernietiging(en) opnieuw uitgevoerd (art. 13)",
    )
    rows = _verify_log("na het herstel")
    return RestoreReport(path, reapplied, rows, aside)
