"""Art. 13: the meetings destroy what they hold about a destroyed file. ``meetings_files_destroy``
takes file numbers: the four-eyes proposals (with their motivation) and the recorded collective
decisions about those files are gone, and no other row in the database is added, changed or removed."""

from __future__ import annotations

import pytest

from meetings.destruction import meetings_files_destroy
from meetings.models import CollectiveDecision, DecisionProposal
from tests.retention.tables import every_row, removed_rows
from tests.rights.fixtures import build_case

pytestmark = pytest.mark.django_db


def test_art_13_meetings_files_destroy_removes_proposals_and_decisions_about_the_file_and_nothing_else():
    case = build_case()
    number = case.file.number
    others = set(DecisionProposal.objects.exclude(file_number=number).values_list("pk", flat=True))
    assert DecisionProposal.objects.filter(file_number=number).exists()
    assert others
    before = every_row()
    removed = meetings_files_destroy({number})
    gone = removed_rows(before, every_row())
    assert gone == removed[number]  # what it reports is exactly what went, and nothing else changed
    assert gone["meetings.DecisionProposal"] == 1
    assert gone["meetings.CollectiveDecision"] == 1
    assert not DecisionProposal.objects.filter(file_number=number).exists()
    assert not CollectiveDecision.objects.filter(file_number=number).exists()
    assert set(DecisionProposal.objects.values_list("pk", flat=True)) == others
