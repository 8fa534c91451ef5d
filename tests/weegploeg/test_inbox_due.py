"""The stored due date of the weegploeg's tasks (issue 18): right after every step that creates a
task, filled in for the tasks that existed before (the migration), and what the inbox sorts and
filters on. A term counts calendar days from the local (Europe/Amsterdam) date of the task's
creation: the times below sit just after local midnight, where a date taken in UTC would be a
day early, once just before summer time begins and once just after winter time does."""

from __future__ import annotations

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.test import override_settings
from django.utils import timezone
from viewflow.workflow import flow
from viewflow.workflow.models import Process, Task

from core import tasks as task_lifecycle
from core.bulk_delete import grouped_delete
from flows.accuracy_review import AccuracyReviewFlow
from flows.weegploeg import WeegploegFlow
from tests.clock import freeze_time
from tests.factories import party
from tests.helpers import verified_client
from tests.weegploeg.bulk import bulk_open_processes
from tests.weegploeg.fixtures import confirmed_over_http, melder, register, uitvoerder, weegploeglid
from tests.weegploeg.test_screens import analysis_post, task_url
from weegploeg import services
from weegploeg.intake import intake_next_steps
from weegploeg.models import TaskDue, WeegploegFile
from weegploeg.terms import task_due_record, task_dues_store

pytestmark = pytest.mark.django_db

INBOX = "/werk/weegploeg/"
ROW = re.compile(r'<a href="/werk/weegploeg/taak/\d+/">(W-[0-9-]+)</a>')


def dues(file: WeegploegFile) -> list[tuple[str, str, datetime.date | None]]:
    """(step, status, stored due date) of every task of the file, in the order they were created."""
    processes = Process.objects.filter(artifact_object_id=file.pk).values("pk")
    tasks = Task.objects.filter(process_id__in=processes, flow_task_type="HUMAN").order_by("created", "pk")
    return [(t.flow_task.name, t.status, TaskDue.objects.get(task=t).due_on) for t in tasks]


def test_art_7_due_date_is_stored_as_each_step_is_created_and_kept_when_done(published_referentiekader):
    d = datetime.date
    with freeze_time("2026-03-10 23:30:00+00:00") as clock:  # 11 March, 00:30 in Venlo
        file = register(melder())
        assert dues(file) == [("analyse", "NEW", d(2026, 3, 21)), ("review", "NEW", d(2026, 9, 11))]
        assert intake_next_steps(file.signals.get().registered_at).analyse_by == d(2026, 3, 21)  # the melder's

        clock.move_to("2026-03-12 10:00:00+00:00")
        om = party("Het Openbaar Ministerie")
        ask = analysis_post("meer_informatie", info_party=om.pk, info_question="Strafblad?")
        assert verified_client(weegploeglid()).post(task_url(file, "analyse"), ask).status_code == 302
        assert dues(file)[-1] == ("supply_information", "NEW", d(2026, 3, 22))

        clock.move_to("2026-03-28 23:30:00+00:00")  # 29 March, 00:30 CET; summer time begins at 02:00
        supply = task_url(file, "supply_information")
        assert verified_client(weegploeglid(om.name)).post(supply, {"answer": "Geen."}).status_code == 302
        assert dues(file)[-1] == ("analyse", "NEW", d(2026, 4, 8))

        clock.move_to("2026-03-29 09:00:00+00:00")
        assert verified_client(weegploeglid()).post(task_url(file, "analyse"), analysis_post()).status_code == 302
        assert dues(file)[-1] == ("decide", "NEW", d(2026, 4, 3))

        clock.move_to("2026-04-01 22:30:00+00:00")  # 2 April, 00:30 CEST
        lid = weegploeglid()
        decision = {"outcome": "niet_agenderen", "motivation": "Onvoldoende.", "basis": "vier_ogen"}
        assert verified_client(lid).post(task_url(file, "decide"), decision).status_code == 302
        confirmed_over_http(file.number)  # the decision takes effect: the information duty is created

        assert dues(file) == [
            ("analyse", "DONE", d(2026, 3, 21)),
            ("review", "NEW", d(2026, 9, 11)),
            ("supply_information", "DONE", d(2026, 3, 22)),
            ("analyse", "DONE", d(2026, 4, 8)),
            ("decide", "DONE", d(2026, 4, 3)),
            ("information_duty", "NEW", d(2026, 4, 12)),
        ]
        inbox = verified_client(lid).get(INBOX + "?fase=information_duty").content.decode()
        assert file.number in inbox
        assert '<time datetime="2026-04-12">12-4-2026</time>' in inbox


def test_art_7_every_human_step_of_the_weegploeg_flows_stores_its_due_date():
    """A step added later without the hook would show no date and sort last: caught here."""
    for flow_class in (WeegploegFlow, AccuracyReviewFlow):
        steps = [node for node in flow_class.instance.nodes() if isinstance(node, flow.View)]
        assert steps, flow_class
        assert all(node._on_create is task_due_record for node in steps), flow_class


def test_art_8_3_review_task_is_due_on_the_planned_check_and_the_next_one_on_the_new_date():
    with freeze_time("2026-01-20 12:00:00+01:00") as clock:
        file = register(melder())
        first = Task.objects.get(flow_task=AccuracyReviewFlow.review)
        assert TaskDue.objects.get(task=first).due_on == datetime.date(2026, 7, 20)

        clock.move_to("2026-07-14 12:00:00+02:00")
        user = uitvoerder()
        task_lifecycle.task_complete(
            first, user, lambda: services.accuracy_review_record(file, by=user, corrected=False, note="In orde")
        )
        second = Task.objects.exclude(pk=first.pk).get(flow_task=AccuracyReviewFlow.review)
        assert TaskDue.objects.get(task=second).due_on == datetime.date(2027, 1, 14)
        assert TaskDue.objects.get(task=first).due_on == datetime.date(2026, 7, 20)  # the date it was due


def test_art_7_a_changed_term_applies_to_tasks_created_afterwards():
    with freeze_time("2026-05-04 09:00:00+02:00"):
        before = register(melder())
        with override_settings(WEEGPLOEG_TASK_DUE_DAYS={"analyse": 3}):
            after = register(melder())
        assert dues(before)[0] == ("analyse", "NEW", datetime.date(2026, 5, 14))
        assert dues(after)[0] == ("analyse", "NEW", datetime.date(2026, 5, 7))


def test_art_7_migration_stores_the_due_date_of_every_existing_task():
    migration = importlib.import_module("weegploeg.migrations.0005_task_due")
    with freeze_time("2026-10-24 22:30:00+00:00"):  # 25 October, 00:30 CEST; winter time begins at 03:00
        file = register(melder())
        bulk_open_processes(3, parties=[party("De politie")], registered_by=melder())
    analyses = list(Task.objects.filter(flow_task=WeegploegFlow.analyse).order_by("pk").values_list("pk", flat=True))
    decide = analyses.pop()
    Task.objects.filter(pk=decide).update(flow_task=WeegploegFlow.decide)
    # A review task stored under its reference from before the flows layer (issue 16) counts too.
    review = Task.objects.get(flow_task=AccuracyReviewFlow.review).pk
    Task.objects.filter(pk=review).update(flow_task="flows/weegploeg.AccuracyReviewFlow.review")
    WeegploegFile.objects.filter(pk=file.pk).update(next_review_on=datetime.date(2027, 3, 1))
    TaskDue.objects.all().delete()

    migration.fill_due_dates(apps, None)

    # 25 October + 10 (analyse) or 5 (besluit) days, as the melder is told after intake; adding
    # 240 hours before taking the local date (the inbox until now) gave 3 November: a day early.
    expected = {pk: datetime.date(2026, 11, 4) for pk in analyses}
    expected |= {decide: datetime.date(2026, 10, 30), review: datetime.date(2027, 3, 1)}
    assert dict(TaskDue.objects.values_list("task_id", "due_on")) == expected


def test_art_13_destroying_a_process_takes_its_tasks_due_dates_along():
    file = register(melder())
    processes = list(Process.objects.filter(artifact_object_id=file.pk).values_list("pk", flat=True))
    assert TaskDue.objects.count() == 2
    removed = grouped_delete(Process, "pk", processes)
    assert sum(counts["weegploeg.TaskDue"] for counts in removed.values()) == 2
    assert not TaskDue.objects.exists()


def test_art_7_inbox_lists_by_the_stored_due_date_and_filters_on_it():
    lid = weegploeglid()
    bulk_open_processes(30, parties=[party("De politie")], registered_by=lid)
    tasks = list(Task.objects.order_by("pk"))
    today = timezone.localdate()
    TaskDue.objects.filter(task=tasks[7]).update(due_on=today - datetime.timedelta(days=2))
    TaskDue.objects.filter(task=tasks[3]).update(due_on=today + datetime.timedelta(days=1))
    TaskDue.objects.filter(task=tasks[20]).update(due_on=None)
    number = {t.pk: WeegploegFile.objects.get(process_id=t.process_id).number for t in (tasks[7], tasks[3], tasks[20])}
    client = verified_client(lid)

    default = ROW.findall(client.get(INBOX).content.decode())
    assert default[:2] == [number[tasks[7].pk], number[tasks[3].pk]]
    assert ROW.findall(client.get(INBOX + "?pagina=2").content.decode())[-1] == number[tasks[20].pk]  # no date: last
    assert ROW.findall(client.get(INBOX + "?termijn=te-laat").content.decode()) == [number[tasks[7].pk]]
    week = ROW.findall(client.get(INBOX + "?termijn=deze-week").content.decode())
    assert week == [number[tasks[3].pk]]


def test_art_7_stored_due_dates_can_be_recomputed_for_existing_tasks():
    with freeze_time("2026-02-02 08:00:00+01:00"):
        bulk_open_processes(2, parties=[party("De politie")], registered_by=melder())
    first, second = Task.objects.order_by("pk")
    Task.objects.filter(pk=first.pk).update(created=datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC))
    assert task_dues_store(Task.objects.filter(pk=first.pk)) == 1
    assert TaskDue.objects.get(task=first).due_on == datetime.date(2026, 1, 11)
    assert TaskDue.objects.get(task=second).due_on == datetime.date(2026, 2, 12)
