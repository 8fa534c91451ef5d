"""Art. 13: the casusoverleg destroys its own files. ``casusoverleg_files_destroy`` takes file ids;
those files' rows are gone from every table (the copied subject and signals, participants, every
plan version with its measures, contributions, persons, disclosures) and no other row in the
database is added, changed or removed: not the weegploeg file it was copied from, not another case."""

from __future__ import annotations

import pytest

from casusoverleg.destruction import casusoverleg_files_destroy
from casusoverleg.models import CasusoverlegFile, CasusPerson, PlanVersion
from casusoverleg.plan import plan_draft_update
from tests.casusoverleg.fixtures import GENNEP, deelnemer
from tests.retention.tables import every_row, removed_rows, traces
from tests.rights.fixtures import SUBJECT_A, build_case
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db


def test_art_13_casusoverleg_files_destroy_removes_the_files_rows_and_plan_history_and_nothing_else():
    case = build_case()
    plan_draft_update(case.casus, by=deelnemer(GENNEP), aim="Bijgesteld doel")  # a second plan version
    assert PlanVersion.objects.filter(file=case.casus).count() == 2
    others = set(CasusoverlegFile.objects.exclude(pk=case.casus.pk).values_list("pk", flat=True))
    before = every_row()
    removed = casusoverleg_files_destroy({case.casus.pk})
    gone = removed_rows(before, every_row())
    assert gone == removed[case.casus.pk]  # what it reports is exactly what went, and nothing else changed
    assert gone["casusoverleg.CasusoverlegFile"] == 1
    assert gone["casusoverleg.CasusSubject"] == 1
    # the plan's history: the adopted version and the new draft, each with its copy of the measure
    assert gone["casusoverleg.PlanVersion"] == 2
    assert gone["casusoverleg.PlanMeasure"] == 2
    for table in ("CasusSignal", "CasusParticipant", "DataContribution", "CasusPerson", "Disclosure"):
        assert gone[f"casusoverleg.{table}"] >= 1, table
    needles = [SUBJECT_A["address"], SUBJECT_A["bsn"], "Moeder heeft het gezag", "Yusuf Achterberg"]
    assert not [t for t in traces(needles) if t[0].startswith("casusoverleg_")]
    # another subject's case that names A as an achterblijver keeps that: it is B's data
    assert CasusPerson.objects.filter(name="Mirthe Anouk van Kleuskens").exists()
    assert set(CasusoverlegFile.objects.values_list("pk", flat=True)) == others
    assert WeegploegFile.objects.filter(pk=case.file.pk).exists()  # the source file is the weegploeg's
