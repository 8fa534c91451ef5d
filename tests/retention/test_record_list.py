"""The retention lists for real volume (issue 14 item 2, art. 13), over HTTP: 200 destruction
records filtered by category and kind, sorted, paged; finished destruction lists one click away;
bad input; one log row naming what was shown; flat query counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accesslog.models import AccessLogEntry
from retention.models import Category, DestructionList, DestructionRecord, FileKind, ListStatus
from tests.casusoverleg.fixtures import uitvoerder
from tests.helpers import verified_client
from tests.planner import planner_statistics_refresh

pytestmark = pytest.mark.django_db

OVERVIEW = "/werk/bewaartermijnen/"
ROW = re.compile(r"<tr><td>([WC]-2099-[0-9]+)</td>")


def numbers(response) -> list[str]:
    assert response.status_code == 200
    return ROW.findall(response.content.decode())


def bulk_records(n: int, *, start: int = 0) -> None:
    """``n`` records destroyed one hour apart (…000000 the latest); every third one a casus file."""
    now = timezone.now()
    DestructionRecord.objects.bulk_create(
        DestructionRecord(
            kind=FileKind.CASUSOVERLEG if i % 3 == 0 else FileKind.WEEGPLOEG,
            file_number=f"{'C' if i % 3 == 0 else 'W'}-2099-{i:06d}",
            category=Category.CASUSOVERLEG if i % 3 == 0 else Category.WEEGPLOEG_NIET_AGENDEREN,
            rule="r",
            article="13.3",
            counted_from=datetime.date(2020, 1, 1),
            due_on=datetime.date(2021, 1, 1),
            destroyed_at=now - datetime.timedelta(hours=i),
        )
        for i in range(start, start + n)
    )
    planner_statistics_refresh(DestructionRecord)


def test_art_13_destruction_records_filtered_sorted_and_paged():
    client = verified_client(uitvoerder())
    bulk_records(200)
    page = client.get(OVERVIEW)
    body = page.content.decode()
    assert numbers(page)[0] == "C-2099-000000"
    assert len(numbers(page)) == 25
    assert "1–25 van 200" in body
    assert 'aria-labelledby="verklaringen"' in body
    casus = client.get(OVERVIEW + "?categorie=casusoverleg&sortering=vernietigd")
    assert "1–25 van 67" in casus.content.decode()
    assert numbers(casus)[0] == "C-2099-000198"
    assert all(n.startswith("C-") for n in numbers(client.get(OVERVIEW + "?soort=casusoverleg&pagina=3")))
    assert numbers(client.get(OVERVIEW + "?sortering=-dossier"))[0] == "W-2099-000199"
    for key in ("categorie", "regel", "vanaf", "goedgekeurd"):
        assert len(numbers(client.get(f"{OVERVIEW}?sortering={key}"))) == 25
    default = numbers(page)
    for query in ("?sortering=removed", "?categorie=alles", "?pagina=0"):
        response = client.get(OVERVIEW + query)
        assert numbers(response) == default
        assert 'role="alert"' in response.content.decode()


def test_art_13_finished_destruction_lists_are_one_click_away():
    boss = uitvoerder()
    done = DestructionList.objects.create(status=ListStatus.UITGEVOERD, executed_at=timezone.now())
    cancelled = DestructionList.objects.create(status=ListStatus.GEANNULEERD, cancelled_by=boss)
    before = AccessLogEntry.objects.count()
    body = verified_client(boss).get(OVERVIEW).content.decode()
    assert "Afgeronde vernietigingslijsten" in body
    assert f'/werk/bewaartermijnen/lijst/{done.pk}/"' in body
    assert f"/lijst/{cancelled.pk}/" in body
    (row,) = AccessLogEntry.objects.order_by("pk")[before:]
    assert {f"lijst-{done.pk}", f"lijst-{cancelled.pk}"} <= set(row.shown_refs)


def test_art_15_2e_retention_overview_one_log_row_and_flat_queries(django_assert_max_num_queries):
    client = verified_client(uitvoerder())
    bulk_records(10)
    url = OVERVIEW + "?categorie=casusoverleg&sortering=-vanaf"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    bulk_records(1990, start=10)
    before = AccessLogEntry.objects.count()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "1–25 van 667" in response.content.decode()
    (row,) = AccessLogEntry.objects.order_by("pk")[before:]
    assert set(numbers(response)) <= set(row.shown_refs)
