"""Art. 13: retention moves the work out of the way through viewflow's own transitions. An archived
file's open processes are cancelled by ``Flow.cancel`` (each task's activation, then the process,
under the flow's lock), never by writing their status; a destroyed file's processes are cancelled
the same way and then deleted with their tasks. A process another transaction is working on is
left alone: its file waits for the next run."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from viewflow.workflow.base import Flow
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS

from casusoverleg.models import CasusoverlegFile
from retention.destruction import Doomed, files_destroy
from retention.models import FileKind
from retention.rules import RULES_BY_CODE
from retention.services.run import retention_apply
from tests.clock import freeze_time
from tests.retention.fixtures import agendered, at
from weegploeg.models import WeegploegFile

OPEN_TASKS = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED, STATUS.SCHEDULED, STATUS.ERROR]


@pytest.fixture
def cancelled(monkeypatch) -> list[int]:
    """The processes viewflow's ``Flow.cancel`` was called for (it still runs)."""
    calls: list[int] = []
    original = Flow.cancel

    def spy(self, process):
        calls.append(process.pk)
        return original(self, process)

    monkeypatch.setattr(Flow, "cancel", spy)
    return calls


@pytest.mark.django_db
def test_art_13_2_archiving_cancels_the_open_processes_through_viewflows_own_cancel(cancelled):
    with freeze_time(at()):
        file, casus = agendered()
    open_before = set(Process.objects.filter(status=PROCESS.NEW).values_list("pk", flat=True))
    assert casus.process_id in open_before
    with freeze_time(at(months=12, days=1)):
        report = retention_apply()
    assert {e.file_number for e in report.archived} == {file.number, casus.number}
    assert sorted(cancelled) == sorted(open_before)
    assert not Process.objects.filter(status=PROCESS.NEW).exists()
    for process in Process.objects.filter(pk__in=open_before):
        assert process.status == PROCESS.CANCELED
        assert process.finished is not None
    cancelled_tasks = Task.objects.filter(process_id__in=open_before, status=STATUS.CANCELED)
    assert cancelled_tasks.exists()
    assert not cancelled_tasks.filter(finished__isnull=True).exists()
    assert not Task.objects.filter(process_id__in=open_before, status__in=OPEN_TASKS).exists()


@pytest.mark.django_db
def test_art_13_destroying_a_file_cancels_its_open_processes_then_deletes_them_with_their_tasks(cancelled):
    with freeze_time(at()):
        file, casus = agendered()
    process_id = casus.process_id
    tasks = Task.objects.filter(process_id=process_id).count()
    assert Process.objects.get(pk=process_id).status == PROCESS.NEW
    doomed = Doomed(
        casus.pk, casus.number, casus.last_processed_at, at().date(), RULES_BY_CODE["casusoverleg_vernietigen"]
    )
    [record] = files_destroy(FileKind.CASUSOVERLEG, [doomed])
    connection.check_constraints()  # nothing left points to a deleted row
    assert process_id in cancelled
    assert not Process.objects.filter(pk=process_id).exists()
    assert not Task.objects.filter(process_id=process_id).exists()
    assert record.removed["viewflow.Process"] >= 1
    assert record.removed["viewflow.Task"] >= tasks
    assert WeegploegFile.objects.get(pk=file.pk).process_id is not None  # the source file's flow is its own


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_art_13_2_a_file_whose_process_someone_is_working_on_is_archived_by_the_next_run():
    with freeze_time(at()):
        file, casus = agendered()
    locked, release = threading.Event(), threading.Event()

    def user_at_work():
        try:
            with transaction.atomic():
                Process.objects.select_for_update().get(pk=casus.process_id)
                locked.set()
                assert release.wait(timeout=120)
        finally:
            connection.close()

    worker = threading.Thread(target=user_at_work)
    worker.start()
    try:
        assert locked.wait(timeout=60)
        with freeze_time(at(months=12, days=1)):
            report = retention_apply()
    finally:
        release.set()
        worker.join()
    assert {e.file_number for e in report.archived} == {file.number}
    assert CasusoverlegFile.objects.get(pk=casus.pk).archived_at is None
    assert Process.objects.get(pk=casus.process_id).status == PROCESS.NEW
    with freeze_time(at(months=12, days=2)):
        assert {e.file_number for e in retention_apply().archived} == {casus.number}
    assert Process.objects.get(pk=casus.process_id).status == PROCESS.CANCELED
