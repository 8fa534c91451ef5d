"""Issue 15.5: backup and restore. A database with a few files is backed up and restored into an
empty one: every table has the same number of rows (the access log one more: the restore event)
and the access-log chain verifies. A destruction after the backup is carried out again by the
restore (art. 13: restoring an older backup must not bring destroyed data back).

The tests do not use pytest-django's test database: each one points the default connection at its
own empty databases (SQLite: files in ``tmp_path``; PostgreSQL: scratch databases) and migrates.
"""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_seal
from accesslog.verification import access_log_verify
from operations.ledger import destruction_ledger_read
from operations.services import checksum_path_of, sha256_of


class Databases:
    """Switch the default connection between scratch databases (and back at the end)."""

    def __init__(self, tmp_path):
        self.connection = connections["default"]
        self.tmp_path = tmp_path
        self.vendor = self.connection.vendor
        self.original_name = self.connection.settings_dict["NAME"]
        self.saved = None
        self.switched = False
        self.created: list[str] = []

    def name(self, label: str, template: object = None) -> str:
        if self.vendor == "sqlite":
            path = self.tmp_path / f"{label}.sqlite3"
            if template and Path(template).exists():  # (another run may just have replaced it)
                shutil.copyfile(template, path)
            return str(path)
        name = f"casus_ops_{label}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        with self._maintenance() as cursor:
            if template:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
                template = template if cursor.fetchone() else None
            cursor.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.created.append(name)
        return name

    def migrated(self, label: str) -> None:
        """Switch to a new migrated database: a copy of the test run's migrated template when there
        is one (tests/dbtemplate.py; a cold migrate costs ~20 s), then ``migrate`` (nothing left to
        apply; the post-migrate handlers run as after any migrate)."""
        from tests.dbtemplate import TEMPLATE

        self.use(self.name(label, TEMPLATE.get(self.vendor)))
        call_command("migrate", verbosity=0, interactive=False)

    @contextmanager
    def _maintenance(self):
        other = self.connection.copy()
        other.settings_dict["NAME"] = "postgres"
        try:
            other.ensure_connection()
            other.connection.autocommit = True
            with other.connection.cursor() as cursor:
                yield cursor
        finally:
            other.close()

    def use(self, name: str) -> None:
        # Only the first switch may keep the open connection aside: it is the test database's (an
        # in-memory one must not be closed). Later ones are scratch connections and are closed, else
        # close() would hand a scratch database to the tests that follow.
        first, self.switched = not self.switched, True
        if first and self.vendor == "sqlite" and self.connection.connection is not None:
            self.saved = self.connection.connection
            self.connection.connection = None
        else:
            self.connection.close()
        self.connection.settings_dict["NAME"] = name
        ContentType.objects.clear_cache()

    def row_counts(self) -> dict[str, int]:
        with self.connection.cursor() as cursor:
            tables = self.connection.introspection.table_names(cursor)
            counts = {}
            for table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {self.connection.ops.quote_name(table)}")  # noqa: S608
                counts[table] = cursor.fetchone()[0]
        return counts

    def close(self) -> None:
        self.connection.close()
        self.connection.settings_dict["NAME"] = self.original_name
        if self.saved is not None:
            self.connection.connection = self.saved
        ContentType.objects.clear_cache()
        for name in self.created:
            with self._maintenance() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def dbs(tmp_path, settings, django_db_setup, django_db_blocker):  # django_db_setup: the migrated template
    settings.BACKUP_DIR = str(tmp_path / "backups")
    settings.DESTRUCTION_LEDGER_PATH = str(tmp_path / "buiten-de-database" / "verklaringen.jsonl")
    settings.ACCESS_LOG_CHECKPOINT_PATH = str(tmp_path / "buiten-de-database" / "controlepunten.jsonl")
    with django_db_blocker.unblock():
        databases = Databases(tmp_path)
        try:
            yield databases
        finally:
            databases.close()


def _a_few_files():
    """Two weegploeg files, one agendered into a casusoverleg (with its flows), a rights request."""
    from rights.models import RequesterKind, RequestKind
    from rights.services.registration import rights_request_register
    from tests.casusoverleg.fixtures import agenda
    from tests.rights.fixtures import uitvoerder
    from tests.weegploeg.fixtures import melder, register

    single = register(melder(), surname="Jansen", bsn="")
    casus = agenda()
    rights_request_register(
        by=uitvoerder(),
        weegploeg_number=casus.source_weegploeg_number,
        kind=RequestKind.INZAGE,
        received_on=timezone.localdate(),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address="Postbus 1, Gennep",
    )
    access_log_seal(force_checkpoint=True)
    return single, casus


def _backup() -> str:
    out = StringIO()
    call_command("backup", stdout=out)
    line = next(x for x in out.getvalue().splitlines() if x.startswith("Back-up geschreven: "))
    return line.removeprefix("Back-up geschreven: ")


def test_art_15_1_backup_and_restore_into_an_empty_database_keeps_every_row_and_the_access_log_chain(dbs):
    dbs.migrated("bron")
    _a_few_files()
    assert access_log_verify().ok
    before = dbs.row_counts()
    path = _backup()
    assert checksum_path_of(Path(path)).read_text().split() == [sha256_of(Path(path)), Path(path).name]

    dbs.use(dbs.name("doel"))
    call_command("restore", path)
    after = dbs.row_counts()
    log_table = AccessLogEntry._meta.db_table
    assert set(after) == set(before)
    assert {t: n for t, n in after.items() if t != log_table} == {t: n for t, n in before.items() if t != log_table}
    assert after[log_table] == before[log_table] + 1
    restore_row = AccessLogEntry.objects.order_by("-pk").first()
    assert restore_row.object_type == "database"
    assert restore_row.user_id is None
    assert access_log_verify().ok
    call_command("verify_access_log")
    if dbs.vendor == "postgresql":  # the planner's statistics at once, not when autovacuum comes by
        with dbs.connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'weegploeg_weegploegfile'")
            assert cursor.fetchone()[0] > 0

    # A second restore into the now filled database is refused, in Dutch, and changes nothing.
    with pytest.raises(CommandError, match="De database is niet leeg"):
        call_command("restore", path)
    assert dbs.row_counts() == after


def test_art_15_1_a_damaged_backup_is_refused(dbs, tmp_path):
    dbs.migrated("bron")
    path = Path(_backup())
    with path.open("ab") as handle:
        handle.write(b"x")
    dbs.use(dbs.name("doel"))
    with pytest.raises(CommandError, match="controlesom"):
        call_command("restore", str(path))
    assert dbs.row_counts() == {}


def test_art_13_15_1_a_destruction_after_the_backup_is_carried_out_again_by_the_restore(dbs):
    from django.db import transaction

    from retention.destruction import Doomed
    from retention.models import DestructionRecord, FileKind
    from retention.rules import RULES_BY_CODE
    from retention.services.logged import files_destroy_logged
    from weegploeg.models import Subject, WeegploegFile

    dbs.migrated("bron")
    single, _ = _a_few_files()
    path = _backup()
    rule = RULES_BY_CODE["weegploeg_niet_agenderen_vernietigen"]
    with transaction.atomic():
        doomed = Doomed(single.pk, single.number, single.last_processed_at, timezone.localdate(), rule)
        files_destroy_logged(FileKind.WEEGPLOEG, [doomed], now=timezone.now())
    access_log_seal(force_checkpoint=True)  # the chain grows past the backup's end
    assert [e.file_number for e in destruction_ledger_read()] == [single.number]

    dbs.use(dbs.name("doel"))
    call_command("restore", path)
    assert not WeegploegFile.objects.filter(number=single.number).exists()
    assert not Subject.objects.filter(surname="Jansen").exists()
    record = DestructionRecord.objects.get(file_number=single.number)
    assert record.rule == "weegploeg_niet_agenderen_vernietigen"
    assert WeegploegFile.objects.exists()  # the other files came back
    assert access_log_verify().ok
