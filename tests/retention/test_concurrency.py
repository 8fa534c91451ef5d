"""Two ``apply_retention`` runs at once (PostgreSQL: real row locks) neither crash nor destroy a
file twice (art. 13)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from freezegun import freeze_time

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_verify
from retention import services
from retention.models import DestructionList, DestructionRecord, ListStatus
from tests.casusoverleg.fixtures import uitvoerder
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
        services.retention_apply(chunk_size=2)  # archives everything, lists the 5-year files
        services.destruction_list_approve(DestructionList.objects.get(status=ListStatus.CONCEPT), by=boss)
    # new niet-agenderen files, due at the same moment as the approved list
    with freeze_time(at(months=54)):
        short += [niet_agenderen() for _ in range(3)]
    errors: list[BaseException] = []
    reports = []
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            reports.append(services.retention_apply(now=at(months=60, days=7), chunk_size=1))
        except BaseException as error:  # noqa: BLE001 - reported below
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
