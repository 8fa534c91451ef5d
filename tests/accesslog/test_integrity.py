"""Issue 13 item 10 (NEN 7513, BIO 12.4.2) and issue 18 item 2: the access log cannot be rewritten.

Every row carries an HMAC under a key outside the database; sealing gives finished rows a gapless
number and a chain; checkpoints outside the database pin the chain. The attacks below use the
project's own functions, as a person with write access to the database but without the key would.
"""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models, transaction
from django.test import RequestFactory

from accesslog.checks import access_log_key_present, access_log_key_strong
from accesslog.integrity import GENESIS_HASH, entry_payload, key_id_of, row_hmac, seal_hash
from accesslog.models import MAX_SHOWN_REFS, AccessLogEntry, AccessLogSeal
from accesslog.services import access_log_seal, access_log_verify, access_log_write, access_log_write_system
from accesslog.verification import entry_problem
from tests.clock import freeze_time

pytestmark = pytest.mark.django_db

GUESSED_KEY = "een-geraden-sleutel-die-niet-de-echte-is-0000"


def _write(n: int, start: int = 1) -> list[AccessLogEntry]:
    return [
        access_log_write_system(
            user=None, action="read", object_type="dossier", object_ref=f"W-2026-{i:04d}", purpose="Test"
        )
        for i in range(start, start + n)
    ]


def _raw_update(model, pk, **values) -> None:
    """Change a row the way a person with database access would (bypassing append-only)."""
    models.QuerySet.update(model.objects.filter(pk=pk), **values)


def _reseal_from(seal_no: int) -> None:
    """Re-hash the seal chain from ``seal_no`` on with the project's own (unkeyed) function."""
    prev = AccessLogSeal.objects.filter(seal_no=seal_no - 1).values_list("seal_hash", flat=True).first() or GENESIS_HASH
    for seal in AccessLogSeal.objects.filter(seal_no__gte=seal_no).order_by("seal_no"):
        row_hash = AccessLogEntry.objects.get(pk=seal.entry_id).row_hash
        prev = seal_hash(prev_seal_hash=prev, seal_no=seal.seal_no, entry_id=seal.entry_id, row_hash=row_hash)
        _raw_update(AccessLogSeal, seal.seal_no, seal_hash=prev)


def _checkpoints(settings) -> list[dict]:
    path = Path(settings.ACCESS_LOG_CHECKPOINT_PATH)
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_art_15_2e_every_row_is_signed_at_insert_with_the_key_from_the_settings(settings):
    entry = _write(1)[0]
    assert entry.key_id == key_id_of(settings.ACCESS_LOG_HMAC_KEY)
    assert entry.row_hash == row_hmac(settings.ACCESS_LOG_HMAC_KEY, entry_payload(entry))
    assert entry.row_hash != row_hmac(GUESSED_KEY, entry_payload(entry))
    assert entry.prev_hash == GENESIS_HASH  # nothing sealed yet: the anchor is the chain's start
    assert not AccessLogSeal.objects.exists()  # the request does not seal


def test_art_15_2e_rewrite_and_rehash_without_the_key_is_detected_and_names_the_first_forged_row():
    rows = _write(12)
    access_log_seal()
    later = _write(3, start=13)  # not yet sealed: protected by their HMAC too
    # The attack of the walk: rewrite one row and re-hash it and everything after it with the
    # project's own functions, but with a key that is not the real one.
    forged = rows[4]
    for entry in AccessLogEntry.objects.filter(pk__gte=forged.pk).order_by("pk"):
        if entry.pk == forged.pk:
            entry.object_ref = "W-2026-9999"
        entry.row_hash = row_hmac(GUESSED_KEY, entry_payload(entry))
        _raw_update(AccessLogEntry, entry.pk, object_ref=entry.object_ref, row_hash=entry.row_hash)
    _reseal_from(forged.seal.seal_no)
    report = access_log_verify()
    assert not report.ok
    assert report.broken_id == forged.pk
    assert report.count == 4
    assert "HMAC" in report.reason
    with pytest.raises(CommandError, match=f"rij {forged.pk} "):
        call_command("verify_access_log")
    assert later[0].pk > forged.pk  # the unsealed rows after it were re-signed too; the first is named


def test_art_15_2e_rewriting_a_row_that_is_not_yet_sealed_is_detected_too():
    rows = _write(3)
    entry = AccessLogEntry.objects.get(pk=rows[1].pk)
    entry.allowed = False
    _raw_update(AccessLogEntry, entry.pk, allowed=False, row_hash=row_hmac(GUESSED_KEY, entry_payload(entry)))
    report = access_log_verify()
    assert not report.ok
    assert report.broken_id == rows[1].pk
    assert "nog niet gezegeld" in report.reason


def row_hmac_real(entry: AccessLogEntry) -> str:
    from django.conf import settings

    return row_hmac(settings.ACCESS_LOG_HMAC_KEY, entry_payload(entry))


def test_art_15_2e_a_row_signed_with_an_unknown_key_id_is_named():
    rows = _write(3)
    _raw_update(AccessLogEntry, rows[1].pk, key_id=key_id_of(GUESSED_KEY))
    entry = AccessLogEntry.objects.get(pk=rows[1].pk)
    _raw_update(AccessLogEntry, rows[1].pk, row_hash=row_hmac(GUESSED_KEY, entry_payload(entry)))
    report = access_log_verify()
    assert not report.ok
    assert report.broken_id == rows[1].pk
    assert "onbekende sleutel" in report.reason


def test_art_15_2e_deleting_a_sealed_row_and_renumbering_the_chain_is_detected_by_the_checkpoint(settings):
    rows = _write(8)
    access_log_seal()
    assert _checkpoints(settings)[-1]["seal_no"] == 8
    victim = rows[3]
    # Remove the row and its seal, close the gap in the numbers and re-hash the chain with the
    # project's own function: every HMAC still holds, the chain is internally consistent ...
    AccessLogEntry.objects.filter(pk=victim.pk)._raw_delete(connection.alias)
    AccessLogSeal.objects.filter(seal_no=4)._raw_delete(connection.alias)
    for seal_no in range(5, 9):
        _raw_update(AccessLogSeal, seal_no, seal_no=seal_no - 1)
    _reseal_from(4)
    # ... but the checkpoint outside the database still holds the hash the chain had.
    report = access_log_verify()
    assert not report.ok
    assert "controlepunt" in report.reason
    assert report.broken_seal_no == 8  # the re-numbered chain ends at 7; the file's checkpoint says 8


def test_art_15_2e_changing_a_row_covered_by_a_checkpoint_is_detected_even_when_resealed_with_the_real_hash(settings):
    rows = _write(6)
    access_log_seal()
    # Someone who somehow had the key rewrites row 3 and re-seals: the checkpoint still catches it.
    entry = AccessLogEntry.objects.get(pk=rows[2].pk)
    entry.purpose = "Iets anders"
    _raw_update(AccessLogEntry, entry.pk, purpose=entry.purpose, row_hash=row_hmac_real(entry))
    _reseal_from(3)
    report = access_log_verify()
    assert not report.ok
    assert "controlepunt bij zegel 6" in report.reason


def test_art_15_2e_deleting_a_row_or_the_tail_covered_by_a_checkpoint_is_detected():
    rows = _write(6)
    access_log_seal()
    table = AccessLogEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [rows[2].pk])  # noqa: S608
    report = access_log_verify()
    assert not report.ok
    assert report.broken_id == rows[2].pk
    assert "ontbreekt" in report.reason
    # Remove the last rows *and* their seals: the chain ends early, the checkpoint says it did not.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id >= %s", [rows[2].pk])  # noqa: S608
        cursor.execute(f"DELETE FROM {AccessLogSeal._meta.db_table} WHERE seal_no >= 3")  # noqa: S608
    report = access_log_verify()
    assert not report.ok
    assert "eindigt bij zegel 2" in report.reason
    assert "controlepunt 6" in report.reason


def test_art_15_2e_a_damaged_or_missing_checkpoint_file_is_reported(settings):
    _write(2)
    access_log_seal()
    path = Path(settings.ACCESS_LOG_CHECKPOINT_PATH)
    original = path.read_text()
    path.write_text(original + "niet een controlepunt\n")
    report = access_log_verify()
    assert not report.ok
    assert "regel 2" in report.reason
    path.unlink()
    assert access_log_verify().ok  # just sealed: the first checkpoint may still be on its way
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=settings.ACCESS_LOG_UNSEALED_WINDOW + 5)
    report = access_log_verify(now=later)
    assert not report.ok
    assert "controlepunten ontbreekt" in report.reason


def _failing_change(write) -> None:
    """The caller's change writes its rows and then fails: its transaction rolls back."""
    with transaction.atomic():
        write()
        raise RuntimeError("de handeling mislukt")


def test_art_15_2e_seal_numbers_are_gapless_where_ids_are_not():
    _write(2)
    with pytest.raises(RuntimeError):
        _failing_change(lambda: _write(3, start=3))  # rolled back with the caller's transaction: ids 3-5 unused
    _write(2, start=6)
    result = access_log_seal()
    ids = list(AccessLogEntry.objects.order_by("id").values_list("id", flat=True))
    assert len(ids) == 4
    if connection.vendor == "postgresql":
        assert ids[-1] - ids[0] > 3  # a sequence does not give rolled-back ids back: a gap
    assert result.sealed == 4
    assert result.head_no == 4
    assert list(AccessLogSeal.objects.order_by("seal_no").values_list("seal_no", "entry_id")) == list(
        zip(range(1, 5), ids, strict=True)
    )
    assert access_log_verify().ok


def test_art_15_2e_the_row_exists_exactly_when_the_callers_change_does():
    with pytest.raises(RuntimeError):
        _failing_change(lambda: _write(1))
    assert not AccessLogEntry.objects.exists()
    with transaction.atomic():
        _write(1)
    assert AccessLogEntry.objects.count() == 1


def test_art_15_2e_seal_command_seals_checkpoints_at_most_once_per_interval(settings):
    _write(3)
    out = io.StringIO()
    call_command("seal_access_log", stdout=out)
    assert "3 regel(s) verzegeld; laatste zegel 3. Controlepunt geschreven bij zegel 3." in out.getvalue()
    _write(2, start=4)
    call_command("seal_access_log", stdout=io.StringIO())
    assert [c["seal_no"] for c in _checkpoints(settings)] == [3]  # the last one is recent
    call_command("seal_access_log", "--checkpoint", stdout=io.StringIO())
    assert [c["seal_no"] for c in _checkpoints(settings)] == [3, 5]
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(
        seconds=settings.ACCESS_LOG_CHECKPOINT_INTERVAL + 1
    )
    _write(1, start=6)
    access_log_seal(now=later)
    checkpoints = _checkpoints(settings)
    assert [c["seal_no"] for c in checkpoints] == [3, 5, 6]
    assert checkpoints[-1]["seal_hash"] == AccessLogSeal.objects.get(seal_no=6).seal_hash
    out = io.StringIO()
    call_command("verify_access_log", stdout=out)
    assert "OK: 6 rij(en)" in out.getvalue()
    assert "3 controlepunt(en)" in out.getvalue()


def test_art_15_2e_new_rows_are_anchored_to_the_last_seal():
    _write(2)
    access_log_seal()
    entry = _write(1, start=3)[0]
    assert entry.prev_hash == AccessLogSeal.objects.get(seal_no=2).seal_hash
    access_log_seal()
    assert access_log_verify().ok
    # An anchor that does not lie before the row in the chain is refused.
    head = AccessLogSeal.objects.get(seal_no=3).seal_hash
    entry.prev_hash = head
    _raw_update(AccessLogEntry, entry.pk, prev_hash=head, row_hash=row_hmac_real(entry))
    _reseal_from(3)
    report = access_log_verify()
    assert not report.ok
    assert report.broken_id == entry.pk
    assert "zegel" in report.reason


def test_art_15_2e_unsealed_rows_older_than_the_window_are_reported(settings):
    with freeze_time("2026-03-04 10:00:00+01:00"):
        old = _write(1)[0]
    _write(1, start=2)
    report = access_log_verify()
    assert report.ok
    assert report.unsealed == 2
    assert report.overdue == 1
    assert report.first_overdue_id == old.pk
    err = io.StringIO()
    call_command("verify_access_log", stdout=io.StringIO(), stderr=err)
    assert f"eerste: rij {old.pk}" in err.getvalue()
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_access_log", "--strict", stdout=io.StringIO(), stderr=io.StringIO())
    assert excinfo.value.returncode == 2
    access_log_seal()
    report = access_log_verify()
    assert report.ok
    assert report.overdue == 0
    assert report.sealed == 2


def test_art_15_2e_key_rotation_keeps_old_rows_verifiable(settings):
    old_key = settings.ACCESS_LOG_HMAC_KEY
    before = _write(2)
    settings.ACCESS_LOG_HMAC_KEY = "de-nieuwe-sleutel-na-rotatie-00000000000000"
    settings.ACCESS_LOG_HMAC_OLD_KEYS = [old_key]
    after = _write(2, start=3)
    assert after[0].key_id != before[0].key_id
    access_log_seal()
    assert access_log_verify().ok
    settings.ACCESS_LOG_HMAC_OLD_KEYS = []  # the old key thrown away too early
    report = access_log_verify()
    assert not report.ok
    assert report.broken_id == before[0].pk
    assert "onbekende sleutel" in report.reason


def test_art_15_2e_a_list_screen_writes_one_row_naming_the_refs_it_showed():
    request = RequestFactory().get("/werk/", REMOTE_ADDR="10.0.0.9")
    request.user = None
    refs = ["W-2026-0001", "W-2026-0002", "C-2026-0001"]
    entry = access_log_write(
        request, action="search", object_type="werkbak", object_ref="werkbak", purpose="Werkbak", shown_refs=refs
    )
    assert AccessLogEntry.objects.get(pk=entry.pk).shown_refs == refs
    access_log_seal()
    assert access_log_verify().ok
    _raw_update(AccessLogEntry, entry.pk, shown_refs=refs[:2])  # hide that a file was shown
    report = access_log_verify()
    assert not report.ok
    assert report.broken_id == entry.pk


@pytest.mark.parametrize(
    "shown_refs",
    [
        ["W-2026-0001", "Jan Jansen"],
        ["jan@example.invalid"],
        [""],
        "W-2026-0001",
        [f"W-{i}" for i in range(MAX_SHOWN_REFS + 1)],
    ],
)
def test_art_15_2e_shown_refs_must_be_pseudonymous_and_bounded(shown_refs):
    with pytest.raises(ValidationError):
        access_log_write_system(
            user=None, action="search", object_type="werkbak", object_ref="werkbak", purpose="T", shown_refs=shown_refs
        )
    assert not AccessLogEntry.objects.exists()
    access_log_write_system(
        user=None,
        action="search",
        object_type="werkbak",
        object_ref="werkbak",
        purpose="T",
        shown_refs=[f"W-{i}" for i in range(MAX_SHOWN_REFS)],
    )


def test_art_15_2e_verification_names_problems_per_row_with_entry_problem(settings):
    entry = _write(1)[0]
    keys = {key_id_of(settings.ACCESS_LOG_HMAC_KEY): settings.ACCESS_LOG_HMAC_KEY}
    assert entry_problem(entry, keys) == ""
    entry.object_ref = "W-2026-0002"
    assert "HMAC" in entry_problem(entry, keys)


def test_bio_12_4_2_the_key_is_required_and_production_refuses_a_weak_or_public_one(settings):
    assert access_log_key_present(None) == []
    settings.ACCESS_LOG_HMAC_KEY = ""
    assert [e.id for e in access_log_key_present(None)] == ["accesslog.E001"]
    settings.ACCESS_LOG_HMAC_KEY = "kort"
    assert [e.id for e in access_log_key_strong(None)] == ["accesslog.E002"]
    settings.ACCESS_LOG_HMAC_KEY = "test-only-access-log-hmac-key-not-secret-0000"
    assert "accesslog.E003" in [e.id for e in access_log_key_strong(None)]
    settings.ACCESS_LOG_HMAC_KEY = "x" * 40
    settings.ACCESS_LOG_HMAC_OLD_KEYS = ["x" * 40]
    assert [e.id for e in access_log_key_strong(None)] == ["accesslog.E004"]
