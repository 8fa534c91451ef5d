"""Art. 13: the weegploeg destroys its own files. ``weegploeg_files_destroy`` takes file ids; those
files' rows are gone from every table (their history included: signals, analyses, the decision
and its recorded collective decision, the information duty and its follow-ups), the subject goes
when no file keeps it, and no other row in the database is added, changed or removed."""

from __future__ import annotations

import pytest

from tests.retention.tables import every_row, removed_rows, traces
from tests.rights.fixtures import SUBJECT_A, SUBJECT_B, build_case
from weegploeg.destruction import weegploeg_files_destroy
from weegploeg.models import Subject, WeegploegFile

pytestmark = pytest.mark.django_db

NEEDLES_A = [SUBJECT_A["surname"], SUBJECT_A["address"], SUBJECT_A["bsn"]]


def test_art_13_weegploeg_files_destroy_removes_the_files_rows_from_every_table_and_nothing_else():
    case = build_case()
    other = WeegploegFile.objects.exclude(pk=case.file.pk).get(subject__surname=SUBJECT_B["surname"])
    subject_id = case.file.subject_id
    before = every_row()
    removed = weegploeg_files_destroy({case.file.pk})
    gone = removed_rows(before, every_row())
    assert gone == removed[case.file.pk]  # what it reports is exactly what went, and nothing else changed
    assert gone["weegploeg.WeegploegFile"] == 1
    assert gone["weegploeg.Subject"] == 1
    assert gone["weegploeg.Signal"] == 2
    assert gone["weegploeg.Analysis"] == 1
    # the file's history: the decision, who took it (four eyes), the information duty
    assert gone["weegploeg.Decision"] == 1
    assert gone["meetings.CollectiveDecision"] == 1
    assert gone["weegploeg.InformationDuty"] == 1
    assert not Subject.objects.filter(pk=subject_id).exists()
    # the weegploeg's tables hold nothing of subject A any more; the casusoverleg copy is that app's
    assert not [t for t in traces(NEEDLES_A) if t[0].startswith("weegploeg_")]
    assert WeegploegFile.objects.filter(pk=other.pk).exists()


def test_art_13_weegploeg_files_destroy_keeps_a_subject_another_file_still_has():
    case = build_case()
    second = WeegploegFile.objects.create(number="W-2026-999999", subject=case.file.subject)
    before = every_row()
    removed = weegploeg_files_destroy([case.file.pk])
    gone = removed_rows(before, every_row())
    assert gone == removed[case.file.pk]
    assert "weegploeg.Subject" not in gone
    assert WeegploegFile.objects.get(pk=second.pk).subject_id == case.file.subject_id


def test_art_13_weegploeg_files_destroy_of_no_ids_touches_nothing():
    build_case()
    before = every_row()
    assert weegploeg_files_destroy(set()) == {}
    assert removed_rows(before, every_row()) == {}
