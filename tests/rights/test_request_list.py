"""The list of rights requests for real volume (issue 14 item 2), over HTTP with 200 requests:
filter by status and legal deadline (art. 12.3, 12.5), sort, pages, finished requests one click
away, bad input, one log row naming the requests shown, and flat query counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accesslog.models import AccessLogEntry
from rights.models import RequestKind, RequestStatus, RightsRequest
from tests.helpers import verified_client
from tests.planner import planner_statistics_refresh
from tests.weegploeg.fixtures import uitvoerder, weegploeglid

pytestmark = pytest.mark.django_db

LIST = "/werk/rechten/"
ROW = re.compile(r'<a href="/werk/rechten/verzoek/(R-[0-9-]+)/">')


def numbers(response) -> list[str]:
    assert response.status_code == 200
    return ROW.findall(response.content.decode())


def bulk_requests(n: int, by, *, start: int = 0) -> None:
    """``n`` correction requests received one day apart (R-2099-000000 the newest)."""
    today = timezone.localdate()
    RightsRequest.objects.bulk_create(
        RightsRequest(
            number=f"R-2099-{i:06d}",
            kind=RequestKind.CORRECTIE,
            received_on=today - datetime.timedelta(days=i),
            weegploeg_number="W-2099-000001",
            requester_kind="betrokkene",
            reply_address="Postbus 1",
            status=RequestStatus.CORRECTIE_BESLUIT,
            registered_by=by,
        )
        for i in range(start, start + n)
    )
    planner_statistics_refresh(RightsRequest)


@pytest.fixture
def boss(db):
    user = uitvoerder()
    bulk_requests(200, user)
    return user


def test_art_12_requests_paged_with_the_nearest_deadline_first(boss):
    client = verified_client(boss)
    page = client.get(LIST)
    # Art. 12.5: four weeks from receipt; the oldest request has the nearest (passed) deadline.
    assert numbers(page)[0] == "R-2099-000199"
    assert len(numbers(page)) == 25
    body = page.content.decode()
    assert "1–25 van 200" in body
    assert 'aria-sort="ascending"' in body
    assert "Termijn verstreken" in body
    assert numbers(client.get(LIST + "?pagina=8"))[-1] == "R-2099-000000"


def test_art_12_requests_filter_by_deadline_and_status(boss):
    client = verified_client(boss)
    # received 28 days ago or earlier: the correction deadline passed (received 28 days ago: due today)
    overdue = client.get(LIST + "?termijn=te-laat&sortering=verzoek")
    assert "1–25 van 171" in overdue.content.decode()
    assert numbers(overdue)[0] == "R-2099-000029"
    week = numbers(client.get(LIST + "?termijn=deze-week&sortering=verzoek"))
    assert week == [f"R-2099-{i:06d}" for i in range(22, 29)]
    RightsRequest.objects.filter(number="R-2099-000003").update(status=RequestStatus.IDENTITEIT)
    assert numbers(client.get(LIST + "?fase=identiteit")) == ["R-2099-000003"]


def test_art_12_finished_requests_are_one_click_away(boss):
    client = verified_client(boss)
    RightsRequest.objects.filter(number="R-2099-000005").update(
        status=RequestStatus.AFGEROND, correction_decided_on=timezone.localdate()
    )
    assert 'href="?toon=afgerond"' in client.get(LIST).content.decode()
    assert numbers(client.get(LIST + "?toon=afgerond")) == ["R-2099-000005"]
    assert "R-2099-000005" not in numbers(client.get(LIST + "?sortering=verzoek"))


def test_art_12_requests_sort_both_ways_and_bad_input_keeps_the_default(boss):
    client = verified_client(boss)
    assert numbers(client.get(LIST + "?sortering=-ontvangen"))[0] == "R-2099-000000"
    assert numbers(client.get(LIST + "?sortering=ontvangen"))[0] == "R-2099-000199"
    for key in ("soort", "status", "termijn", "resterend"):
        assert len(numbers(client.get(f"{LIST}?sortering=-{key}"))) == 25
    default = numbers(client.get(LIST))
    for query in ("?sortering=reply_address", "?toon=alles", "?pagina=-1", "?termijn=morgen"):
        response = client.get(LIST + query)
        assert numbers(response) == default
        assert 'role="alert"' in response.content.decode()


def test_art_12_requests_list_is_for_the_uitvoerder_only(boss):
    assert verified_client(weegploeglid()).get(LIST).status_code == 403


def test_art_15_2e_requests_one_log_row_and_flat_queries(django_assert_max_num_queries):
    user = uitvoerder()
    client = verified_client(user)
    bulk_requests(10, user)
    url = LIST + "?termijn=alle&sortering=-termijn&pagina=1"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    bulk_requests(1990, user, start=10)
    before = AccessLogEntry.objects.count()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "1–25 van 2000" in response.content.decode()
    (row,) = AccessLogEntry.objects.order_by("pk")[before:]
    assert sorted(row.shown_refs) == sorted(numbers(response))
