"""Issue 14 item 1: the start page "Vandaag" — counts per stage, the user's own tasks and the legal
deadlines running out this week, each only from what the user may see (the apps' selectors and the
rules of their screens; art. 8.4, 10.4), with a query count that does not grow with the volume."""

from __future__ import annotations

import datetime

import pytest

from accounts.roles import Role
from core import tasks as task_lifecycle
from flows.start_page import deadlines_this_week, own_tasks, stage_counts, week_end
from tests.access.world import open_task_of
from tests.clock import freeze_time
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import melder, register, uitvoerder, weegploeglid

pytestmark = pytest.mark.django_db


def _counts(user) -> dict[str, int]:
    return {group.title: group.total for group in stage_counts(user)}


def test_art_8_4_the_weegploeg_sees_its_counts_and_a_melder_none():
    signaller = melder()
    for _ in range(3):
        register(signaller)
    lid = weegploeglid()
    counts = _counts(lid)
    assert counts["Weegploeg: open dossiers"] == 3
    analyse = next(s for s in stage_counts(lid)[0].stages if s.label == "Ontvangen, in analyse")
    assert analyse.count == 3
    assert analyse.url == "/werk/weegploeg/?fase=analyse"
    assert _counts(signaller) == {}  # a melder sees no files (art. 8.4), so no counts either


def test_art_5_the_uitvoerder_sees_every_stage_and_deadlines_of_this_week():
    boss = uitvoerder()
    titles = set(_counts(boss))
    assert {"Weegploeg: open dossiers", "Casusoverleg: open casussen"} <= titles
    assert "Verzoeken inzage en correctie: open" in titles
    assert "Incidenten en datalekken: open" in titles
    assert list(deadlines_this_week(boss)) == []
    assert deadlines_this_week(weegploeglid()) is None  # may not open the deadlines overview


def test_art_15_2c_superuser_status_shows_nothing_extra():
    boss = UserFactory(party=party("De politie"), is_superuser=True, is_staff=True)
    assert _counts(boss) == {}
    assert deadlines_this_week(boss) is None


def test_issue_14_1_own_tasks_are_the_tasks_this_user_took_with_their_number():
    file = register(melder())
    lid = weegploeglid()
    assert own_tasks(lid) == []
    task = open_task_of(file.process_id)
    task_lifecycle.task_claim(task, lid)
    [row] = own_tasks(lid)
    assert row.ref == file.number
    assert row.url == f"/werk/weegploeg/taak/{task.pk}/"
    assert own_tasks(weegploeglid()) == []  # a colleague's tasks are not mine


def test_issue_14_1_week_end_is_the_sunday_of_this_week():
    assert week_end(datetime.date(2026, 11, 30)) == datetime.date(2026, 12, 6)  # a Monday
    assert week_end(datetime.date(2026, 12, 6)) == datetime.date(2026, 12, 6)


@freeze_time("2026-03-02 10:00:00+01:00")
def test_issue_14_1_the_start_page_over_http_in_the_staff_shell():
    """Issue 14."""
    file = register(melder())
    lid = weegploeglid()
    task_lifecycle.task_claim(open_task_of(file.process_id), lid)
    response = verified_client(lid).get("/werk/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Vandaag</h1>" in html
    assert 'aria-label="Kruimelpad"' in html
    assert "Weegploeg: open dossiers: 1" in html
    assert file.number in html
    assert "Mijn taken" in html


def test_art_14_without_the_secrecy_duty_only_counts_and_no_numbers():
    file = register(melder())
    lid = UserFactory(roles=[Role.WEEGPLOEGLID], party=party("De politie"))
    html = verified_client(lid).get("/werk/").content.decode()
    assert "geheimhoudingsverklaring" in html
    assert file.number not in html


def _volume(n: int, owner) -> None:
    signaller = melder()
    for _ in range(n):
        file = register(signaller)
        task_lifecycle.task_claim(open_task_of(file.process_id), owner)


def test_issue_14_1_the_start_page_query_count_is_flat(django_assert_max_num_queries):
    """Issue 14."""
    boss = weegploeglid()
    _volume(2, boss)
    client, handler = verified_client(boss), verified_client(uitvoerder())  # the latter: the deadlines too
    client.get("/werk/"), handler.get("/werk/")  # warm the sessions and caches
    with django_assert_max_num_queries(60) as few:
        assert client.get("/werk/").status_code == 200
    with django_assert_max_num_queries(80) as few_deadlines:
        assert handler.get("/werk/").status_code == 200
    _volume(12, boss)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/werk/")
    assert response.status_code == 200
    assert len(response.context["own_tasks"]) == 14
    with django_assert_max_num_queries(len(few_deadlines.captured_queries)):
        assert handler.get("/werk/").status_code == 200


def test_art_15_2e_the_start_page_logs_one_row_naming_the_numbers_it_showed():
    from accesslog.models import AccessLogEntry

    file = register(melder())
    lid = weegploeglid()
    task_lifecycle.task_claim(open_task_of(file.process_id), lid)
    assert verified_client(lid).get("/werk/").status_code == 200
    [row] = AccessLogEntry.objects.filter(user_id=lid.pk, allowed=True)
    assert row.object_ref == "start"
    assert file.number in row.shown_refs
    assert "Vries" not in str(row.__dict__)
