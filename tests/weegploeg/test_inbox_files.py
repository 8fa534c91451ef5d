"""What the inbox stores to sort by a join instead of a subquery per row (issue 18): the party that
brought a file in (art. 7.2), kept with the file, and each task's file, kept with its due date, so
that an accuracy review task (art. 8.3), whose only way to its file is the process's artifact,
sorts, filters and shows with its file like the weegploeg's own tasks; filled in by the migration
for the files and tasks of before."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Process, Task

from flows.accuracy_review import AccuracyReviewFlow
from tests.factories import party
from tests.helpers import verified_client
from tests.weegploeg.bulk import bulk_open_processes
from tests.weegploeg.fixtures import melder, register, weegploeglid
from tests.weegploeg.test_screens import analysis_post, task_url
from weegploeg.models import TaskDue, WeegploegFile

pytestmark = pytest.mark.django_db

INBOX = "/werk/weegploeg/"
ROW = re.compile(r'<a href="/werk/weegploeg/taak/\d+/">(W-[0-9-]+)</a>')


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return ROW.findall(response.content.decode())


def stored_files(file: WeegploegFile) -> dict[str, int | None]:
    """The stored file of each task of ``file``'s processes, by step."""
    processes = Process.objects.filter(artifact_object_id=file.pk).values("pk")
    dues = TaskDue.objects.filter(task__process_id__in=processes).select_related("task")
    return {due.task.flow_task.name: due.file_id for due in dues}


def test_art_7_2_a_registered_file_keeps_its_bringing_party_and_every_task_its_file(published_referentiekader):
    gennep = melder("De gemeente Gennep")
    file = register(gennep)
    assert WeegploegFile.objects.get(pk=file.pk).bringing_party == gennep.party
    assert stored_files(file) == {"analyse": file.pk, "review": file.pk}

    ask = analysis_post("meer_informatie", info_party=party("Het Openbaar Ministerie").pk, info_question="Strafblad?")
    assert verified_client(weegploeglid()).post(task_url(file, "analyse"), ask).status_code == 302
    assert stored_files(file) == {"analyse": file.pk, "review": file.pk, "supply_information": file.pk}


def test_art_8_3_review_tasks_sort_filter_and_show_with_their_file():
    politie, gemeente = party("De politie"), party("De gemeente Venlo")
    bulk_open_processes(20, parties=[politie, gemeente], registered_by=weegploeglid(), reviews=True)
    client = verified_client(weegploeglid())

    by_number = client.get(INBOX + "?sortering=dossier")
    assert "1–25 van 40" in by_number.content.decode()
    # Each file twice, its analyse task and its review task, in number order: none sorts last for
    # want of a number.
    assert numbers(by_number)[:4] == ["W-2099-000000", "W-2099-000000", "W-2099-000001", "W-2099-000001"]
    assert numbers(client.get(INBOX + "?sortering=-ontvangen"))[:2] == ["W-2099-000000", "W-2099-000000"]

    by_party = client.get(INBOX + "?sortering=partij")
    first = numbers(by_party)[:20]  # the gemeente's ten files first, both tasks of each
    assert len(set(first)) == 10
    assert all(int(n[-6:]) % 2 == 1 for n in first)
    assert by_party.content.decode().count("De gemeente Venlo</td>") == 20

    reviews = client.get(INBOX + f"?fase=review&partij={politie.pk}&sortering=dossier")
    assert numbers(reviews) == [f"W-2099-{i:06d}" for i in range(0, 20, 2)]


def test_art_7_inbox_sorted_by_party_with_reviews_queries_equal_at_10_and_300_files(django_assert_max_num_queries):
    politie = party("De politie")
    lid = weegploeglid()
    client = verified_client(lid)
    bulk_open_processes(10, parties=[politie], registered_by=lid, reviews=True)
    url = INBOX + "?sortering=partij&pagina=1"
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    bulk_open_processes(290, start=10, parties=[politie], registered_by=lid, reviews=True)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "1–25 van 600" in response.content.decode()


def test_art_7_migration_stores_each_files_party_and_each_due_dates_file(published_referentiekader):
    migration = importlib.import_module("weegploeg.migrations.0007_stored_file_for_inbox")
    gennep = melder("De gemeente Gennep")
    registered = register(gennep)
    politie = party("De politie")
    bulk_open_processes(2, parties=[politie], registered_by=weegploeglid(), reviews=True)
    # The bulk fixture's weegploeg processes have no artifact (as before the flows layer set one):
    # their file is the one that names the process.
    assert (
        Process.objects.filter(pk__in=WeegploegFile.objects.values("process_id"), artifact_object_id=None).count() == 2
    )
    expected = dict(TaskDue.objects.values_list("task_id", "file_id"))
    assert None not in expected.values()
    assert len(expected) == Task.objects.filter(flow_task_type="HUMAN").count()
    assert Task.objects.filter(flow_task=AccuracyReviewFlow.review).count() == 3
    WeegploegFile.objects.update(bringing_party=None)
    TaskDue.objects.update(file=None)

    migration.fill_stored_files(apps, None)

    parties = dict(WeegploegFile.objects.values_list("number", "bringing_party_id"))
    assert parties == {registered.number: gennep.party_id, "W-2099-000000": politie.pk, "W-2099-000001": politie.pk}
    assert dict(TaskDue.objects.values_list("task_id", "file_id")) == expected


def test_art_13_2_an_archived_files_tasks_leave_the_inbox_open_and_finished_alike():
    from django.utils import timezone
    from viewflow.workflow.status import STATUS

    bulk_open_processes(3, parties=[party("De politie")], registered_by=weegploeglid(), reviews=True)
    archived = WeegploegFile.objects.get(number="W-2099-000001")
    done = TaskDue.objects.filter(file__number__in=["W-2099-000001", "W-2099-000002"]).values("task_id")
    Task.objects.filter(pk__in=done, flow_task=AccuracyReviewFlow.review).update(status=STATUS.DONE)
    client = verified_client(weegploeglid())
    assert numbers(client.get(INBOX + "?sortering=dossier")).count(archived.number) == 1  # its review is done
    assert numbers(client.get(INBOX + "?toon=afgerond&sortering=dossier")) == ["W-2099-000001", "W-2099-000002"]

    WeegploegFile.objects.filter(pk=archived.pk).update(archived_at=timezone.now())

    assert archived.number not in numbers(client.get(INBOX + "?sortering=dossier"))
    assert numbers(client.get(INBOX + "?sortering=dossier")) == ["W-2099-000000"] * 2 + ["W-2099-000002"]
    assert numbers(client.get(INBOX + "?toon=afgerond&sortering=dossier")) == ["W-2099-000002"]
