"""Issue 13 item 10: rows written before the keyed log are adopted honestly by migration 0004.

An intact old (unkeyed) chain is signed and sealed, its old hashes kept as evidence; a broken one
is refused, so the new key never vouches for damage it did not see.
"""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accesslog.integrity import GENESIS_HASH
from accesslog.models import AccessLogEntry, AccessLogSeal
from accesslog.services import access_log_seal, access_log_verify, access_log_write_system
from tests.schema import schema_migrate_back, schema_migrate_latest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("accesslog", "0002_chain_head")]
legacy = importlib.import_module("accesslog.migrations.0004_adopt_legacy_rows")


def _old_rows(n: int, *, break_at: int | None = None) -> None:
    """Rows as the old writer made them: ids 1..n, a plain SHA-256 chain and its head."""
    state = MigrationExecutor(connection).loader.project_state(BEFORE[0])
    Entry = state.apps.get_model("accesslog", "AccessLogEntry")
    Head = state.apps.get_model("accesslog", "AccessLogChainHead")
    prev = GENESIS_HASH
    moment = datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC)
    for i in range(1, n + 1):
        row = Entry(
            id=i,
            created_at=moment + datetime.timedelta(minutes=i),
            user_id=None,
            party_id=None,
            roles="",
            action="read",
            object_type="dossier",
            object_ref=f"W-2026-{i:04d}",
            purpose="Oud",
            allowed=True,
            client_address="10.0.0.1",
            prev_hash=prev,
        )
        row.row_hash = legacy._old_hash(row, prev)
        if i == break_at:
            row.purpose = "Herschreven"  # changed after hashing: the old chain no longer holds
        row.save(force_insert=True)
        prev = row.row_hash
    Head.objects.update_or_create(pk=1, defaults={"last_id": n, "last_hash": prev, "count": n})


def test_art_15_2e_an_intact_old_chain_is_signed_sealed_and_kept_as_evidence():
    # Going back to BEFORE also unapplies what depends on the access log (casusoverleg 0006,
    # meetings); forward is every app's latest migration: the tests after this one need the schema.
    schema_migrate_back(BEFORE)
    try:
        _old_rows(4)
    finally:
        schema_migrate_latest()
    rows = list(AccessLogEntry.objects.order_by("id"))
    assert [r.id for r in rows] == [1, 2, 3, 4]
    assert all(r.legacy_hash and r.key_id and r.row_hash != r.legacy_hash for r in rows)
    assert list(AccessLogSeal.objects.order_by("seal_no").values_list("seal_no", "entry_id")) == [
        (1, 1),
        (2, 2),
        (3, 3),
        (4, 4),
    ]
    new = access_log_write_system(user=None, action="read", object_type="dossier", object_ref="W-1", purpose="Nieuw")
    assert new.id == 5  # the id sequence moved past the ids the old writer chose itself
    access_log_seal()
    report = access_log_verify()
    assert report.ok
    assert report.legacy == 4
    assert report.sealed == 5


def test_art_15_2e_a_broken_old_chain_is_refused_not_laundered():
    schema_migrate_back(BEFORE)
    try:
        _old_rows(3, break_at=2)
        with pytest.raises(RuntimeError, match="verbroken bij rij 2"):
            schema_migrate_latest()
    finally:
        # Put the database back for the next test: drop the old rows, then migrate forward.
        state = MigrationExecutor(connection).loader.project_state(BEFORE[0])
        state.apps.get_model("accesslog", "AccessLogEntry").objects.all().delete()
        schema_migrate_latest()
    assert not AccessLogEntry.objects.exists()
