"""Issue 16 item 1: a database from before the flows moved into ``flows/`` upgrades and keeps working.

``fixtures/pre_flows_layer.sqlite3.gz`` was filled with the code of commit 38af0d1 (how:
``fixtures/make_upgrade_fixture.py``): open tasks in every flow, stored under the old references
(``casusoverleg/flows.CasusoverlegFlow``, ``rights/flows.…``, ``incidents/flows.…``,
``flows/weegploeg.AccuracyReviewFlow``). A copy is migrated with today's code, in a child process
(its own database, whichever database the suite runs on); a second child process
(``tests/flows/upgrade_check.py``) checks that every stored reference resolves to today's module,
completes the open weegploeg and casusoverleg tasks and takes the others through the project's
services, and checks the references again.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import child_environment

pytestmark = pytest.mark.scratch_sqlite

FIXTURE = Path(__file__).with_name("fixtures") / "pre_flows_layer.sqlite3.gz"
ROOT = Path(__file__).resolve().parents[2]


def _run(database: Path, *args: str) -> str:
    env = child_environment(
        DATABASE_URL=f"sqlite:///{database}", DJANGO_SETTINGS_MODULE="config.settings.test", PYTHONPATH=str(ROOT)
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and module, fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    return result.stdout


def test_art_7_and_9_open_tasks_of_a_database_from_before_the_flows_layer_complete_after_migrating(tmp_path):
    database = tmp_path / "pre_flows_layer.sqlite3"
    with gzip.open(FIXTURE, "rb") as source, database.open("wb") as copy:
        shutil.copyfileobj(source, copy)

    _run(database, "manage.py", "migrate", "--noinput")
    summary = json.loads(_run(database, "-m", "tests.flows.upgrade_check").strip().splitlines()[-1])

    assert summary["processes_before"] == {
        "flows/weegploeg.WeegploegFlow": 4,
        "flows/accuracy_review.AccuracyReviewFlow": 4,
        "flows/casusoverleg.CasusoverlegFlow": 2,
        "flows/casus_review.CasusAccuracyReviewFlow": 2,
        "flows/rights.RightsRequestFlow": 1,
        "flows/incidents.IncidentFlow": 1,
    }
    assert summary["done"] == [
        "2 copies recorded on their weegploeg file",
        "casusoverleg adopt_plan → review",
        "casusoverleg review (claimed) → next review",
        "weegploeg analyse → decide",
        "weegploeg decide (claimed, four eyes) → information_duty",
        "weegploeg information_duty → end, casusoverleg started",
        "CasusAccuracyReviewFlow review claimed: 2",
        "RightsRequestFlow identify claimed: 1",
        "IncidentFlow classify claimed: 1",
        "AccuracyReviewFlow review → next review",
    ]
