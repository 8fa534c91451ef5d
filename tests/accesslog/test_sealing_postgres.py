"""Issue 18 item 2 on PostgreSQL: many writers at once, no global lock, gapless seals in order,
a row that commits late sealed later and never skipped (art. 15.2e, NEN 7513)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from accesslog.models import AccessLogEntry, AccessLogSeal
from accesslog.services import access_log_seal, access_log_verify, access_log_write_system

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WRITERS = 7  # plus the one that holds its insert open: eight threads write at once
ROWS_EACH = 15


class Rollback(Exception):
    pass


def _write(ref: str) -> AccessLogEntry:
    return access_log_write_system(user=None, action="read", object_type="dossier", object_ref=ref, purpose="Test")


def _sealed() -> list[tuple[int, int]]:
    return list(AccessLogSeal.objects.order_by("seal_no").values_list("seal_no", "entry_id"))


def test_art_15_2e_eight_writers_at_once_one_holding_its_insert_open_nothing_missing_or_duplicated():
    early = {_write(f"E-{i}").pk for i in range(3)}
    errors: list[BaseException] = []
    slow_ids: list[int] = []
    slow_inserted, release_slow, writers_done = threading.Event(), threading.Event(), threading.Event()

    def slow() -> None:
        try:
            with transaction.atomic():
                slow_ids.append(_write("S-0001").pk)
                slow_inserted.set()
                assert release_slow.wait(120), "never released"
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    barrier = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        try:
            barrier.wait(60)
            for i in range(ROWS_EACH):
                _write(f"T{n}-{i:04d}")  # autocommit: its own transaction
            try:
                with transaction.atomic():  # a rolled-back insert: an id that never commits
                    _write(f"T{n}-X")
                    raise Rollback
            except Rollback:
                pass
            # After the rolled-back insert, so its id lies below this writer's last ones: a gap among
            # the committed ids whatever order the threads ran in (last, the writers' seven rolled-back
            # ids could all come after every committed one when the threads took turns evenly).
            with transaction.atomic():  # several rows in one caller's transaction
                _write(f"T{n}-A")
                _write(f"T{n}-B")
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    def sealer() -> None:
        try:
            while not writers_done.is_set():
                access_log_seal()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    slow_thread = threading.Thread(target=slow)
    slow_thread.start()
    assert slow_inserted.wait(60)
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    sealing = threading.Thread(target=sealer)
    sealing.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    # The writers finished while the slow transaction still holds its row: nobody waited for it.
    assert not any(thread.is_alive() for thread in threads)
    writers_done.set()
    sealing.join(120)
    assert errors == []

    access_log_seal()
    sealed = _sealed()
    committed = set(AccessLogEntry.objects.values_list("id", flat=True))
    assert len(committed) == 3 + WRITERS * (ROWS_EACH + 2)
    assert slow_ids[0] not in committed  # not visible yet
    # Every writer's transaction began after the slow one had its id: all of them wait behind it,
    # none is sealed past it. The early rows are sealed.
    assert {entry_id for _, entry_id in sealed} == early
    assert access_log_verify().ok

    release_slow.set()
    slow_thread.join(60)
    assert errors == []
    result = access_log_seal()
    sealed = _sealed()
    committed = set(AccessLogEntry.objects.values_list("id", flat=True))
    entry_ids = [entry_id for _, entry_id in sealed]
    assert result.sealed == len(committed) - len(early)
    assert [seal_no for seal_no, _ in sealed] == list(range(1, len(committed) + 1))  # gapless
    assert len(entry_ids) == len(set(entry_ids))
    assert set(entry_ids) == committed
    # The late row was sealed later (in this run), right after the rows that were finished before
    # it began: the seal order follows the order of the writing transactions.
    slow_seal_no = entry_ids.index(slow_ids[0]) + 1
    assert slow_seal_no == len(early) + 1
    assert max(committed) - min(committed) + 1 > len(committed)  # rolled-back inserts left id gaps
    report = access_log_verify()
    assert report.ok
    assert report.sealed == len(committed)
    assert report.unsealed == 0


def test_art_15_2e_a_row_committed_late_is_sealed_by_a_later_run_never_skipped():
    holding, release = threading.Event(), threading.Event()
    late: list[int] = []
    errors: list[BaseException] = []

    def late_writer() -> None:
        try:
            with transaction.atomic():
                late.append(_write("L-0001").pk)
                holding.set()
                assert release.wait(60)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=late_writer)
    thread.start()
    assert holding.wait(30)
    after = _write("N-0001")  # a higher id than the late row, committed first
    assert after.pk > late[0]
    first = access_log_seal()
    assert first.sealed == 0  # held back: the late transaction may still commit below it
    release.set()
    thread.join(30)
    assert errors == []
    second = access_log_seal()
    assert second.sealed == 2
    assert [entry_id for _, entry_id in _sealed()] == [late[0], after.pk]
    assert access_log_verify().ok


def test_art_15_2e_the_row_carries_its_transaction_id_for_the_sealer():
    with transaction.atomic():
        first, second = _write("W-1"), _write("W-2")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_xact_id()::text::bigint")
            (txid,) = cursor.fetchone()
    assert first.txid == second.txid == txid
    other = _write("W-3")
    assert other.txid > txid
