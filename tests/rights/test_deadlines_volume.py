"""The deadlines at volume (issue 18): every active file has an open accuracy review (art. 8.3), so
the overview of legal deadlines and the start page's deadlines of this week can run into the
thousands. The overview counts them all and shows them a page at a time, the start page shows the
first ten and links to the rest; each logs one row naming what it showed (a screen names at most
200), where both screens failed with a server error before."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from viewflow.workflow.models import Task

from accesslog.models import AccessLogEntry
from flows.accuracy_review import AccuracyReviewFlow
from rights.selectors.deadlines import DeadlineRow, DeadlineRows
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


def _row(kind: str, ref: str, due: datetime.date, today: datetime.date, due_at=None) -> DeadlineRow:
    return DeadlineRow(kind, ref, "Termijn", due, due_at, f"/{ref}/", (due - today).days)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_art_8_3_every_slice_of_the_overview_is_that_slice_of_the_whole_order(db):
    """The reviews come from the query a slice at a time and are merged with the other kinds: any
    slice is the same slice of the whole list, which is overdue first, then by when each deadline runs
    out; on the same moment requests, duties and breaches before the weegploeg reviews (by file),
    those before the casusoverleg reviews."""
    bulk_open_processes(40, registered_by=uitvoerder(), reviews=True)
    today = timezone.localdate()
    files = list(WeegploegFile.objects.order_by("pk").values_list("pk", flat=True))
    for i, pk in enumerate(files):  # five reviews on each of eight days, three of them overdue
        WeegploegFile.objects.filter(pk=pk).update(next_review_on=today + datetime.timedelta(days=i % 8 - 3))
    day = datetime.timedelta(days=1)
    before = [
        _row("verzoek", "R-2", today + 2 * day, today),
        _row("verzoek", "R-1", today - 3 * day, today),
        _row("datalek", "I-1", today + day, today, due_at=_at(today + day, 10)),
        _row("informatieplicht", "W-duty", today + day, today),
    ]
    after = [
        _row("juistheid_casus", "C-1", today - 3 * day, today),
        _row("juistheid_casus", "C-2", today + day, today),
    ]
    rows = DeadlineRows(before, WeegploegFile.objects.all(), after, today)

    whole = list(rows)
    assert len(rows) == len(whole) == 46
    refs = [row.ref for row in whole]
    by_file = dict(WeegploegFile.objects.values_list("number", "pk"))

    def reviews_due(due: datetime.date) -> list[str]:
        return [row.ref for row in whole if row.kind == "juistheid" and row.due == due]

    first_day = reviews_due(today - 3 * day)
    assert refs[:7] == ["R-1", *first_day, "C-1"]  # the same day: by kind, then by file
    assert first_day == sorted(first_day, key=by_file.get)
    tomorrow = reviews_due(today + day)
    start = refs.index("I-1")  # the 72 hours run out at ten, the others at the end of the day
    assert refs[start : start + 8] == ["I-1", "W-duty", *tomorrow, "C-2"]
    assert refs.index("C-2") < refs.index("R-2")
    assert [row.overdue for row in whole] == sorted(row.overdue for row in whole)[::-1]
    for size in (1, 7, 50):
        assert [row for start in range(0, 46, size) for row in rows[start : start + size]] == whole
    assert rows[9] == whole[9]
    assert rows[-1] == whole[-1]
    assert rows[40:] == whole[40:]
    assert rows.review_count == 40
    assert rows.review_overdue == 15

    tasks = dict(
        Task.objects.filter(flow_task=AccuracyReviewFlow.review).values_list("process__artifact_object_id", "pk")
    )
    for row in whole:
        if row.kind == "juistheid":
            assert row.url == f"/werk/weegploeg/taak/{tasks[by_file[row.ref]]}/"


def test_art_8_3_the_overview_reads_the_reviews_of_one_page_not_of_every_file(
    overdue_reviews, django_assert_max_num_queries
):
    """230 reviews: page 1 asks the database for the first 50, and the queries do not grow with the files."""
    client = verified_client(overdue_reviews)
    client.get(DEADLINES)
    with CaptureQueriesContext(connection) as page_one:
        client.get(DEADLINES)
    listed = [q["sql"] for q in page_one.captured_queries if "ORDER BY" in q["sql"]]
    reviews = [sql for sql in listed if sql.split(" WHERE ")[0].endswith('FROM "weegploeg_weegploegfile"')]
    assert len(reviews) == 1
    assert reviews[0].rstrip().endswith("LIMIT 50")
    bulk_open_processes(300, start=230, registered_by=overdue_reviews, reviews=True)
    with django_assert_max_num_queries(len(page_one.captured_queries)):
        assert client.get(DEADLINES).status_code == 200
