"""Two ``apply_retention`` runs at once (PostgreSQL: real row locks) neither crash nor destroy a
file twice (art. 13)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_verify
from retention.due import due_chunks
from retention.models import DestructionList, DestructionListItem, DestructionRecord, ItemStatus, ListStatus
from retention.services import run as run_module
from retention.services.lists import destruction_list_approve
from retention.services.run import retention_apply
from tests.casusoverleg.fixtures import uitvoerder
from tests.clock import freeze_time
from tests.retention.fixtures import agendered, at, niet_agenderen
from weegploeg.models import WeegploegFile


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_art_13_two_runs_at_once_destroy_nothing_twice_and_do_not_crash():
    with freeze_time(at()):
        short = [niet_agenderen() for _ in range(3)]
        long_file, casus = agendered()
        boss = uitvoerder()
    with freeze_time(at(months=60, days=1)):
        retention_apply(chunk_size=2)  # archives everything, lists the 5-year files
        destruction_list_approve(DestructionList.objects.get(status=ListStatus.CONCEPT), by=boss)
    # new niet-agenderen files, due at the same moment as the approved list
    with freeze_time(at(months=54)):
        short += [niet_agenderen() for _ in range(3)]
    errors: list[BaseException] = []
    reports = []
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            reports.append(retention_apply(now=at(months=60, days=7), chunk_size=1))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    destroyed = [e.file_number for report in reports for e in report.destroyed]
    expected = {f.number for f in short[3:]} | {long_file.number, casus.number}
    assert sorted(destroyed) == sorted(expected)  # each exactly once, over both runs
    assert set(DestructionRecord.objects.values_list("file_number", flat=True)) >= expected
    assert not WeegploegFile.objects.filter(number__in=expected).exists()
    for number in expected:
        assert AccessLogEntry.objects.filter(object_ref=number, action="delete").count() == 1
    assert access_log_verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_art_13_1_two_runs_at_once_never_list_a_destroyed_file_again_nor_report_it_falsely(monkeypatch):
    """Issue 17 item 7: run B read the due files, run A destroyed them under an approved list, B
    then listed them again and a later run reported them as 'overgeslagen … opnieuw verwerkt'. The
    interleaving is forced: B holds its first read of the files due for a list until A's run has
    ended. The listing re-reads each chunk under the run lock with one query, so B lists nothing."""
    with freeze_time(at()):
        files = [agendered() for _ in range(2)]
        boss = uitvoerder()
    with freeze_time(at(months=60, days=1)):
        retention_apply(chunk_size=2)
        destruction_list_approve(DestructionList.objects.get(status=ListStatus.CONCEPT), by=boss)
    numbers = {n for pair in files for n in (pair[0].number, pair[1].number)}
    a_done = threading.Event()
    plain_chunks = due_chunks

    def chunks(qs, rule, size):
        for rows in plain_chunks(qs, rule, size):
            if rule.needs_approval and threading.current_thread().name == "B":
                assert a_done.wait(timeout=300)  # B's read is now stale: A destroyed these files
            yield rows

    monkeypatch.setattr(run_module, "due_chunks", chunks)
    errors: list[BaseException] = []
    reports = {}
    barrier = threading.Barrier(2)

    def run():
        name = threading.current_thread().name
        try:
            barrier.wait()
            reports[name] = retention_apply(now=at(months=60, days=7), chunk_size=1)
        except BaseException as error:
            errors.append(error)
        finally:
            if name == "A":
                a_done.set()
            connection.close()

    threads = [threading.Thread(target=run, name=name) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(e.file_number for e in reports["A"].destroyed) == sorted(numbers)
    assert reports["B"].destroyed == []  # each exactly once
    assert reports["B"].listed == []  # nothing destroyed is listed again
    assert reports["A"].skipped == reports["B"].skipped == []  # nothing falsely 'opnieuw verwerkt'
    items = DestructionListItem.objects.filter(file_number__in=numbers)
    assert sorted(items.values_list("file_number", flat=True)) == sorted(numbers)  # each on one list only
    assert set(items.values_list("status", flat=True)) == {ItemStatus.VERNIETIGD}
    assert not DestructionList.objects.filter(status=ListStatus.CONCEPT).exists()
    # a third run afterwards finds nothing to list, skip or report
    report = retention_apply(now=at(months=60, days=8))
    assert report.listed == []
    assert report.skipped == []
    assert report.destroyed == []
