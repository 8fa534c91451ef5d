"""Issue 18: a bulk load in a test leaves PostgreSQL's planner statistics of the rows it loaded
(``tests/planner.py``), also when the statistics said the tables were empty, as autovacuum leaves
them after a transactional test's flush. With those statistics the case list's party filter over
2,000 cases ran for more than nine minutes in CI."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from casusoverleg.models import CasusoverlegFile
from tests.casusoverleg.bulk import bulk_open_cases
from tests.casusoverleg.fixtures import uitvoerder
from tests.planner import planner_statistics_refresh
from tests.weegploeg.bulk import bulk_open_processes
from weegploeg.models import Signal, WeegploegFile

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

MODELS = (CasusoverlegFile, WeegploegFile, Signal)


def _estimated_rows(model) -> int:
    """How many rows the planner expects a full read of ``model``'s table to give."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
        value = cursor.fetchone()[0]
    (plan,) = json.loads(value) if isinstance(value, str) else value
    return plan["Plan"]["Plan Rows"]


def _statistics_of_emptied_tables(user) -> None:
    """What autovacuum leaves after a flush emptied the tables: their pages counted, 0 rows in them."""
    bulk_open_processes(200, parties=[user.party], registered_by=user)
    bulk_open_cases(200, by=user)
    for model in MODELS:
        model.objects.all().delete()
    planner_statistics_refresh(*MODELS)


def test_issue_18_a_bulk_load_gives_the_planner_the_rows_it_loaded_after_statistics_of_empty_tables():
    user = uitvoerder()
    _statistics_of_emptied_tables(user)
    assert {model.__name__: _estimated_rows(model) for model in MODELS} == {m.__name__: 1 for m in MODELS}

    bulk_open_processes(2000, start=200, parties=[user.party], registered_by=user)
    bulk_open_cases(2000, by=user, start=200)

    for model in MODELS:
        assert _estimated_rows(model) >= 1000, model.__name__
