"""The casusoverleg work list for real volume (issue 14 item 2), over HTTP with 200 cases: filter by
stage, bringing party, review date and "my party", sort, pages, closed cases one click away, the
search by POST, bad input, one log row naming the cases shown, and flat query counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accesslog.models import AccessLogEntry
from casusoverleg.models import CasusoverlegFile, CasusStatus
from tests.casusoverleg.bulk import bulk_open_cases
from tests.casusoverleg.fixtures import deelnemer, uitvoerder
from tests.factories import party
from tests.helpers import verified_client
from tests.weegploeg.bulk import bulk_open_processes

pytestmark = pytest.mark.django_db

LIST = "/werk/casussen/"
ROW = re.compile(r'<a href="/werk/casussen/(C-[0-9-]+)/">')


def numbers(response) -> list[str]:
    assert response.status_code == 200
    return ROW.findall(response.content.decode())


@pytest.fixture
def boss(db):
    """An uitvoerder (sees every case) and 200 cases whose signals two parties brought in turn."""
    user = uitvoerder()
    politie, venlo = party("De politie"), party("De gemeente Venlo")
    bulk_open_processes(200, parties=[politie, venlo], registered_by=user)  # W-2099-…: the source files
    bulk_open_cases(200, by=user)
    now = timezone.now()
    for i, file in enumerate(CasusoverlegFile.objects.order_by("number")):
        file.opened_at = now - datetime.timedelta(hours=i)  # C-2099-000000 newest
        file.save(update_fields=["opened_at"])
    return user, politie, venlo


def test_art_9_case_list_pages_of_25_newest_first_with_party_column(boss):
    user, _politie, _ = boss
    client = verified_client(user)
    page = client.get(LIST)
    assert numbers(page)[:2] == ["C-2099-000000", "C-2099-000001"]
    assert len(numbers(page)) == 25
    body = page.content.decode()
    assert "200 lopende casussen" in body
    assert "Ingebracht door" in body
    assert "De politie" in body
    assert 'class="table-scroll" role="region" aria-labelledby="casussen" tabindex="0"' in body
    assert numbers(client.get(LIST + "?pagina=8"))[-1] == "C-2099-000199"


def test_art_9_case_list_filters_by_party_stage_and_review_date(boss):
    user, _, venlo = boss
    client = verified_client(user)
    by_party = numbers(client.get(LIST + f"?partij={venlo.pk}&sortering=dossier"))
    assert by_party[:2] == ["C-2099-000001", "C-2099-000003"]
    CasusoverlegFile.objects.filter(number__in=["C-2099-000005", "C-2099-000006"]).update(
        status=CasusStatus.AFSLUITING_GEADVISEERD
    )
    assert sorted(numbers(client.get(LIST + "?fase=afsluiting_geadviseerd"))) == ["C-2099-000005", "C-2099-000006"]
    today = timezone.localdate()
    CasusoverlegFile.objects.update(next_review_on=today + datetime.timedelta(days=30))
    CasusoverlegFile.objects.filter(number="C-2099-000007").update(next_review_on=today - datetime.timedelta(days=1))
    CasusoverlegFile.objects.filter(number="C-2099-000008").update(next_review_on=today + datetime.timedelta(days=3))
    assert numbers(client.get(LIST + "?bespreking=te-laat")) == ["C-2099-000007"]
    assert numbers(client.get(LIST + "?bespreking=deze-week")) == ["C-2099-000008"]


def test_art_9_closed_cases_are_one_click_away(boss):
    user, _, _ = boss
    client = verified_client(user)
    CasusoverlegFile.objects.filter(number="C-2099-000010").update(status=CasusStatus.AFGESLOTEN)
    body = client.get(LIST).content.decode()
    assert 'href="?toon=afgesloten"' in body
    assert "C-2099-000010" not in numbers(client.get(LIST + "?pagina=1"))
    assert numbers(client.get(LIST + "?toon=afgesloten")) == ["C-2099-000010"]


def test_art_9_case_list_sorts_by_every_column_and_refuses_bad_input(boss):
    user, _, _ = boss
    client = verified_client(user)
    assert numbers(client.get(LIST + "?sortering=-dossier"))[0] == "C-2099-000199"
    assert numbers(client.get(LIST + "?sortering=ontvangen"))[0] == "C-2099-000199"
    for key in ("status", "bespreking", "maatregelen", "partij"):
        for direction in ("", "-"):
            response = client.get(f"{LIST}?sortering={direction}{key}")
            assert len(numbers(response)) == 25
            assert 'aria-sort="' in response.content.decode()
    default = numbers(client.get(LIST))
    for query in ("?sortering=subject__surname", "?fase=<b>", "?pagina=x", "?partij=abc"):
        response = client.get(LIST + query)
        assert numbers(response) == default
        assert 'role="alert"' in response.content.decode()


def test_art_15_2e_case_search_stays_a_post_and_logs_only_the_cases(boss):
    user, _, _ = boss
    client = verified_client(user)
    response = client.post(LIST + "?sortering=dossier", {"q": "Achternaam42"})
    assert numbers(response) == ["C-2099-000042"]
    tasks = re.findall(r'/werk/casussen/taak/\d+/">(C-[0-9-]+)<', response.content.decode())  # the task lists
    row = AccessLogEntry.objects.filter(user_id=user.pk, action="search").get()
    assert set(row.shown_refs) == {"C-2099-000042", *tasks}
    assert "Achternaam" not in str(row.__dict__)


def test_art_10_4_deelnemer_filters_on_my_party_and_sees_only_their_cases(boss):
    _user, _, _ = boss
    member = deelnemer()  # De gemeente Gennep: every bulk case has it as participant
    client = verified_client(member)
    assert "1–25 van 200" in client.get(LIST + "?wie=mijn-partij").content.decode()
    outsider = verified_client(deelnemer("De gemeente Venray"))
    assert numbers(outsider.get(LIST)) == []


def test_art_15_2e_case_list_one_log_row_and_flat_queries(django_assert_max_num_queries):
    user = uitvoerder()
    politie = party("De politie")
    client = verified_client(user)
    bulk_open_processes(10, parties=[politie], registered_by=user)
    bulk_open_cases(10, by=user)
    url = LIST + f"?partij={politie.pk}&sortering=-bespreking&pagina=1"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    bulk_open_processes(1990, start=10, parties=[politie], registered_by=user)
    bulk_open_cases(1990, by=user, start=10)
    before = AccessLogEntry.objects.count()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "1–25 van 2000" in response.content.decode()
    (row,) = AccessLogEntry.objects.order_by("pk")[before:]
    tasks = re.findall(r'/werk/casussen/taak/\d+/">(C-[0-9-]+)<', response.content.decode())
    assert set(row.shown_refs) == set(numbers(response) + tasks)
    assert len(row.shown_refs) == len(set(row.shown_refs))
