"""The deadlines at volume (issue 18): every active file has an open accuracy review (art. 8.3), so
the overview of legal deadlines and the start page's deadlines of this week can run into the
thousands. The overview counts them all and shows them a page at a time, the start page shows the
first ten and links to the rest; each logs one row naming what it showed (a screen names at most
200), where both screens failed with a server error before."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from accesslog.models import AccessLogEntry
from tests.helpers import verified_client
from tests.rights.fixtures import uitvoerder
from tests.weegploeg.bulk import bulk_open_processes
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db

DEADLINES = "/werk/rechten/termijnen/"
REF = re.compile(r'<a href="/werk/weegploeg/taak/\d+/">(W-[0-9-]+)</a>')
START_REF = re.compile(r'<a href="/werk/weegploeg/taak/\d+/">(W-[0-9-]+): Controle op juistheid</a>')


@pytest.fixture
def overdue_reviews(db):
    """230 files whose accuracy review ran out yesterday: more than one log row may name."""
    boss = uitvoerder()
    bulk_open_processes(230, registered_by=boss, reviews=True)
    WeegploegFile.objects.update(next_review_on=timezone.localdate() - datetime.timedelta(days=1))
    return boss


def test_art_8_3_the_deadlines_overview_counts_every_deadline_and_shows_and_logs_one_page(overdue_reviews):
    client = verified_client(overdue_reviews)
    before = AccessLogEntry.objects.count()
    first = client.get(DEADLINES)
    assert first.status_code == 200
    body = first.content.decode()
    assert "Totaal: <strong>230</strong>, waarvan <strong>230</strong> verstreken" in body
    assert "Termijn 1–50 van 230." in body
    assert "Pagina 1 van 5" in body
    shown = REF.findall(body)
    assert len(shown) == 50
    [row] = AccessLogEntry.objects.order_by("pk")[before:]
    assert sorted(row.shown_refs) == sorted(shown)

    last = client.get(DEADLINES + "?pagina=5").content.decode()
    assert len(REF.findall(last)) == 30
    assert set(REF.findall(last)).isdisjoint(shown)


def test_art_8_3_a_bad_page_of_the_deadlines_overview_gets_a_dutch_message_not_an_error(overdue_reviews):
    client = verified_client(overdue_reviews)
    for query, message in (("?pagina=abc", "Dit paginanummer bestaat niet"), ("?pagina=99", "maar 5 pagina")):
        response = client.get(DEADLINES + query)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert len(REF.findall(response.content.decode())) in (50, 30)


def test_art_5_the_start_page_shows_ten_of_this_weeks_deadlines_and_links_the_rest(overdue_reviews):
    client = verified_client(overdue_reviews)
    before = AccessLogEntry.objects.count()
    response = client.get("/werk/")
    assert response.status_code == 200
    body = response.content.decode()
    shown = START_REF.findall(body)
    assert len(shown) == 10
    assert "En nog 220 termijnen die deze week aflopen of al zijn verstreken" in body
    assert 'href="/werk/rechten/termijnen/">alle wettelijke termijnen</a>' in body
    [row] = AccessLogEntry.objects.order_by("pk")[before:]
    assert sorted(row.shown_refs) == sorted(shown)
