"""Destruction is set-based (art. 13, issue 18): a chunk of files costs one DELETE per table, however
many files it holds, and each file still gets its own verklaring van vernietiging with its own counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from retention.models import DestructionRecord
from retention.services.run import retention_apply
from tests.clock import freeze_time
from tests.retention.fixtures import at, niet_agenderen
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db


def _deletes(months: int) -> tuple[int, list[str]]:
    with freeze_time(at(months=months, days=1)), CaptureQueriesContext(connection) as queries:
        report = retention_apply()
    deletes = sum(1 for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("DELETE"))
    return deletes, [e.file_number for e in report.destroyed]


def test_art_13_3_destroying_three_files_takes_as_many_deletes_as_destroying_one():
    with freeze_time(at()):
        one = niet_agenderen()
    single_deletes, destroyed = _deletes(6)
    assert destroyed == [one.number]
    with freeze_time(at(months=12)):
        three = [niet_agenderen() for _ in range(3)]
    triple_deletes, destroyed = _deletes(18)
    assert sorted(destroyed) == sorted(f.number for f in three)
    assert triple_deletes == single_deletes  # one DELETE per table per chunk, not per file
    assert not WeegploegFile.objects.filter(number__in=destroyed).exists()
    single = DestructionRecord.objects.get(file_number=one.number).removed
    for record in DestructionRecord.objects.filter(file_number__in=destroyed):
        # each verklaring counts its own file's rows, as when it was destroyed alone
        assert record.removed["weegploeg.WeegploegFile"] == 1
        assert {k: v for k, v in record.removed.items() if k != "weegploeg.Subject"} == {
            k: v for k, v in single.items() if k != "weegploeg.Subject"
        }
