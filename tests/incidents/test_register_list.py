"""The incident register as a list for real volume (issue 14 item 2, art. 15.2g), over HTTP with
200 incidents: filter by stage, reporting party and the 72-hour AP deadline, sort, pages, handled
incidents one click away, bad input, one log row, and flat query counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accesslog.models import AccessLogEntry
from flows.incidents import IncidentFlow
from incidents.models import IncidentProcess
from tests.factories import party
from tests.helpers import verified_client
from tests.planner import planner_statistics_refresh
from tests.weegploeg.fixtures import uitvoerder

pytestmark = pytest.mark.django_db

LIST = "/werk/incidenten/"
ROW = re.compile(r'<a href="/werk/incidenten/(I-[0-9-]+)/">')


def numbers(response) -> list[str]:
    assert response.status_code == 200
    return ROW.findall(response.content.decode())


def bulk_incidents(n: int, *, start: int = 0, parties=()) -> None:
    """``n`` incidents discovered one hour apart (I-2099-000000 the newest), none classified yet."""
    now = timezone.now()
    for i in range(start, start + n):  # multi-table inheritance: no bulk_create
        IncidentProcess.objects.create(
            flow_class=IncidentFlow,
            reference=f"I-2099-{i:06d}",
            title="Incident",
            description="d",
            discovered_at=now - datetime.timedelta(hours=i),
            reporter_party=parties[i % len(parties)] if parties else None,
            is_breach=False,
        )
    planner_statistics_refresh(IncidentProcess)


@pytest.fixture
def register(db):
    politie, venlo = party("De politie"), party("De gemeente Venlo")
    bulk_incidents(200, parties=[politie, venlo])
    return politie, venlo


def test_art_15_2g_register_filters_by_stage_party_and_deadline(register):
    _politie, venlo = register
    client = verified_client(uitvoerder())
    page = client.get(LIST)
    assert len(numbers(page)) == 25
    assert "1–25 van 200" in page.content.decode()
    IncidentProcess.objects.filter(reference__in=["I-2099-000001", "I-2099-000100"]).update(is_breach=True)
    IncidentProcess.objects.filter(reference="I-2099-000002").update(is_breach=None)
    assert numbers(client.get(LIST + "?fase=datalek&sortering=kenmerk")) == ["I-2099-000001", "I-2099-000100"]
    assert numbers(client.get(LIST + "?fase=te-classificeren")) == ["I-2099-000002"]
    # The 72 hours: file 100 (100 hours ago) passed, 1 and 2 (unclassified: the clock runs) still run.
    assert numbers(client.get(LIST + "?termijn=verlopen")) == ["I-2099-000100"]
    assert sorted(numbers(client.get(LIST + "?termijn=lopend"))) == ["I-2099-000001", "I-2099-000002"]
    # The register's order: open breaches first, the oldest deadline first.
    assert numbers(client.get(LIST))[:3] == ["I-2099-000100", "I-2099-000002", "I-2099-000001"]
    by_party = client.get(LIST + f"?partij={venlo.pk}&sortering=kenmerk")
    assert "1–25 van 100" in by_party.content.decode()
    assert numbers(by_party)[0] == "I-2099-000001"


def test_art_15_2g_register_sorts_handled_one_click_away_and_bad_input(register):
    client = verified_client(uitvoerder())
    assert numbers(client.get(LIST + "?sortering=-ontdekt"))[0] == "I-2099-000000"
    assert numbers(client.get(LIST + "?sortering=ontdekt"))[0] == "I-2099-000199"
    for key in ("kenmerk", "omschrijving", "partij", "datalek", "termijn", "afgehandeld"):
        assert len(numbers(client.get(f"{LIST}?sortering=-{key}"))) == 25
    IncidentProcess.objects.filter(reference="I-2099-000007").update(closed_at=timezone.now())
    assert 'href="?toon=afgehandeld"' in client.get(LIST).content.decode()
    assert numbers(client.get(LIST + "?toon=afgehandeld")) == ["I-2099-000007"]
    default = numbers(client.get(LIST))
    for query in ("?sortering=description", "?fase=x", "?pagina=abc", "?partij=-1"):
        response = client.get(LIST + query)
        assert numbers(response) == default
        assert 'role="alert"' in response.content.decode()


def test_art_15_2e_register_one_log_row_and_flat_queries(django_assert_max_num_queries):
    client = verified_client(uitvoerder())
    bulk_incidents(10)
    url = LIST + "?sortering=-ontdekt&pagina=1"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    bulk_incidents(290, start=10)
    before = AccessLogEntry.objects.count()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "1–25 van 300" in response.content.decode()
    (row,) = AccessLogEntry.objects.order_by("pk")[before:]
    assert row.object_ref == "register"
    assert sorted(row.shown_refs) == sorted(numbers(response))
