"""The weegploeg inbox for real volume (issue 14 item 2), over HTTP with 200 files: filter, sort,
search, pages, finished tasks, bulk assignment, the access log (art. 15.2e) and flat query counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accesslog.models import AccessLogEntry
from flows.weegploeg import WeegploegFlow
from tests.factories import party
from tests.helpers import verified_client
from tests.weegploeg.bulk import bulk_open_processes
from tests.weegploeg.fixtures import uitvoerder, weegploeglid
from weegploeg.models import WeegploegFile
from weegploeg.terms import task_dues_store

pytestmark = pytest.mark.django_db

INBOX = "/werk/weegploeg/"
ASSIGN = "/werk/weegploeg/toewijzen/"
ROW = re.compile(r'<a href="/werk/weegploeg/taak/\d+/">(W-[0-9-]+)</a>')


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return ROW.findall(response.content.decode())


@pytest.fixture
def two_hundred(db):
    """200 open analyse tasks; files received an hour apart, brought in by two parties in turn."""
    politie, gemeente = party("De politie"), party("De gemeente Venlo")
    registrar = weegploeglid("De politie")
    bulk_open_processes(200, parties=[politie, gemeente], registered_by=registrar)
    return politie, gemeente


def test_art_7_inbox_pages_25_of_200_with_received_date_and_party(two_hundred):
    client = verified_client(weegploeglid())
    page = client.get(INBOX)
    body = page.content.decode()
    assert len(numbers(page)) == 25
    assert "1–25 van 200" in body
    assert "Pagina 1 van 8" in body
    assert "Ontvangen" in body
    assert "Ingebracht door" in body
    assert "De gemeente Venlo" in body
    last = client.get(INBOX + "?pagina=8")
    assert len(numbers(last)) == 25
    assert "176–200 van 200" in last.content.decode()
    assert set(numbers(page)).isdisjoint(numbers(last))


def test_art_7_inbox_filters_by_stage_party_and_due_date(two_hundred):
    _politie, gemeente = two_hundred
    decide = list(Task.objects.filter(flow_task=WeegploegFlow.analyse).order_by("pk")[:7].values_list("pk", flat=True))
    Task.objects.filter(pk__in=decide).update(flow_task=WeegploegFlow.decide, owner_permission="flows.weegploeg_decide")
    task_dues_store(Task.objects.filter(pk__in=decide))  # as the flow stores it for a 'besluit' task
    client = verified_client(weegploeglid())

    by_stage = client.get(INBOX + "?fase=decide")
    assert len(numbers(by_stage)) == 7
    assert "1–7 van 7" in by_stage.content.decode()

    by_party = client.get(INBOX + f"?partij={gemeente.pk}&sortering=dossier")
    assert "1–25 van 100" in by_party.content.decode()
    assert all(int(n[-6:]) % 2 == 1 for n in numbers(by_party))  # every odd file came from the gemeente

    analyse = Task.objects.filter(flow_task=WeegploegFlow.analyse).order_by("pk")
    old = list(analyse[:5].values_list("pk", flat=True))
    Task.objects.filter(pk__in=old).update(created=timezone.now() - datetime.timedelta(days=30))
    task_dues_store(Task.objects.filter(pk__in=old))
    overdue = client.get(INBOX + "?termijn=te-laat")
    assert len(numbers(overdue)) == 5
    assert len(numbers(client.get(INBOX + "?termijn=deze-week"))) == 7  # the 'besluit' tasks: 5 days
    assert len(numbers(client.get(INBOX + "?termijn=deze-week&fase=analyse"))) == 0  # analyse: 10 days
    Task.objects.filter(pk__in=old).update(created=timezone.now() - datetime.timedelta(days=7))
    task_dues_store(Task.objects.filter(pk__in=old))
    assert len(numbers(client.get(INBOX + "?termijn=deze-week&fase=analyse"))) == 5


def test_art_7_inbox_sorts_by_every_shown_column_both_ways(two_hundred):
    client = verified_client(weegploeglid())
    ascending = numbers(client.get(INBOX + "?sortering=dossier"))
    assert ascending[:2] == ["W-2099-000000", "W-2099-000001"]
    descending = client.get(INBOX + "?sortering=-dossier")
    assert numbers(descending)[0] == "W-2099-000199"
    body = descending.content.decode()
    assert 'aria-sort="descending"' in body
    assert 'aria-sort="none"' in body
    # Received: file 0 is the newest (received an hour after file 1).
    assert numbers(client.get(INBOX + "?sortering=ontvangen"))[0] == "W-2099-000199"
    assert numbers(client.get(INBOX + "?sortering=-ontvangen"))[0] == "W-2099-000000"
    first_party = numbers(client.get(INBOX + "?sortering=partij"))[0]
    assert WeegploegFile.objects.get(number=first_party).signals.get().bringing_party.name == "De gemeente Venlo"
    for key in ("fase", "termijn", "behandelaar", "status"):
        for direction in ("", "-"):
            assert len(numbers(client.get(f"{INBOX}?sortering={direction}{key}"))) == 25


def test_art_7_inbox_bad_query_values_give_a_dutch_message_and_the_default_list(two_hundred):
    client = verified_client(weegploeglid())
    default = numbers(client.get(INBOX))
    for query in ("?fase=<script>", "?sortering=subject__surname", "?pagina=abc", "?partij=99999", "?wie=iedereen"):
        response = client.get(INBOX + query)
        body = response.content.decode()
        assert numbers(response) == default, query
        assert 'role="alert"' in body, query
        assert "<script>" not in body, query
    too_far = client.get(INBOX + "?pagina=99")
    assert "maar 8 pagina" in too_far.content.decode()
    assert len(numbers(too_far)) == 25


def test_art_15_2e_inbox_search_by_name_goes_by_post_and_logs_the_files_not_the_terms(two_hundred):
    client = verified_client(weegploeglid())
    response = client.post(INBOX, {"q": "Achternaam17"})
    found = numbers(response)
    assert sorted(found) == ["W-2099-000017", *(f"W-2099-{170 + i:06d}" for i in range(10))]
    body = response.content.decode()
    assert 'method="post"' in body
    assert "Achternaam" not in body.replace('value="Achternaam17"', "")
    row = AccessLogEntry.objects.filter(object_ref="werkbak", action="search").latest("pk")
    assert sorted(row.shown_refs) == sorted(found)
    assert "Achternaam" not in str(row.__dict__)
    # A name in the query string is ignored (issue 13 item 11): the default list.
    assert len(numbers(client.get(INBOX + "?q=Achternaam17"))) == 25


def test_art_15_2e_inbox_writes_one_row_naming_the_files_shown(two_hundred):
    client = verified_client(weegploeglid())
    before = AccessLogEntry.objects.count()
    shown = numbers(client.get(INBOX + "?pagina=2"))
    rows = list(AccessLogEntry.objects.order_by("pk")[before:])
    assert len(rows) == 1
    assert rows[0].object_ref == "werkbak"
    assert sorted(rows[0].shown_refs) == sorted(shown)


def test_art_7_finished_tasks_and_my_tasks_are_one_click_away(two_hundred):
    lid = weegploeglid()
    client = verified_client(lid)
    done = list(Task.objects.order_by("pk")[:3].values_list("pk", flat=True))
    Task.objects.filter(pk__in=done).update(status=STATUS.DONE, owner=lid, finished=timezone.now())
    mine = Task.objects.exclude(pk__in=done).order_by("pk")[:2]
    Task.objects.filter(pk__in=[t.pk for t in mine]).update(status=STATUS.ASSIGNED, owner=lid)
    body = client.get(INBOX).content.decode()
    assert 'href="?toon=afgerond"' in body
    assert "1–25 van 197" in body
    assert len(numbers(client.get(INBOX + "?toon=afgerond"))) == 3
    assert len(numbers(client.get(INBOX + "?wie=mijn-taken"))) == 2
    assert len(numbers(client.get(INBOX + "?wie=mijn-taken&toon=afgerond"))) == 3
    assert "1–25 van 195" in client.get(INBOX + "?wie=mijn-groep").content.decode()


def test_art_5_uitvoerder_assigns_several_tasks_at_once(two_hundred):
    boss = uitvoerder()
    colleague = weegploeglid("De politie")
    client = verified_client(boss)
    page = client.get(INBOX + "?sortering=dossier").content.decode()
    assert 'action="/werk/weegploeg/toewijzen/"' in page
    assert "Toewijzen aan" in page
    ids = [int(i) for i in re.findall(r'name="taak" value="(\d+)"', page)[:3]]
    archived = WeegploegFile.objects.get(number="W-2099-000199")
    archived.archived_at = timezone.now()
    archived.save(update_fields=["archived_at"])
    archived_task = Task.objects.get(process_id=archived.process_id)
    before = AccessLogEntry.objects.count()
    response = client.post(
        ASSIGN, {"taak": [*ids, archived_task.pk, "abc"], "user": colleague.pk, "terug": "?sortering=dossier"}
    )
    assert response.status_code == 302
    assert response["Location"] == INBOX + "?sortering=dossier"
    assert Task.objects.filter(pk__in=ids, owner=colleague, status=STATUS.ASSIGNED).count() == 3
    assert Task.objects.get(pk=archived_task.pk).owner_id is None  # refused by the single-task rule
    rows = list(AccessLogEntry.objects.order_by("pk")[before:])
    changed = sorted(r.object_ref for r in rows if r.action == "update" and r.allowed)
    expected = sorted(Task.objects.get(pk=i).process.weegploeg_file.number for i in ids)
    assert changed == expected
    followed = client.get(response["Location"]).content.decode()
    assert "3 taak/taken toegewezen" in followed
    assert "U mag deze taak niet toewijzen." in followed


def test_art_5_bulk_assignment_is_for_the_uitvoerder_only(two_hundred):
    lid = weegploeglid()
    client = verified_client(lid)
    assert 'name="taak"' not in client.get(INBOX).content.decode()
    task = Task.objects.order_by("pk").first()
    response = client.post(ASSIGN, {"taak": [task.pk], "user": lid.pk})
    assert response.status_code == 403
    assert Task.objects.get(pk=task.pk).owner_id is None
    assert client.get(ASSIGN).status_code == 405


def test_art_5_bulk_assignment_without_choice_changes_nothing(two_hundred):
    client = verified_client(uitvoerder())
    task = Task.objects.order_by("pk").first()
    for data in ({"taak": [task.pk]}, {"user": "abc", "taak": [task.pk]}, {"user": "1"}):
        response = client.post(ASSIGN, {**data, "terug": "https://elders.example/"})
        assert response.status_code == 302
        assert response["Location"] == INBOX
    assert Task.objects.get(pk=task.pk).owner_id is None


def test_art_7_filtered_inbox_queries_equal_at_10_and_2000_open_processes(django_assert_max_num_queries):
    politie = party("De politie")
    lid = weegploeglid()
    client = verified_client(lid)
    bulk_open_processes(10, parties=[politie], registered_by=lid)
    url = INBOX + f"?partij={politie.pk}&sortering=-ontvangen&termijn=alle&pagina=1"
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    bulk_open_processes(1990, start=10, parties=[politie], registered_by=lid)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "1–25 van 2000" in response.content.decode()
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
