"""Two requests writing at once both succeed: a transaction that reads first and writes later, while
another connection writes beside it, waits for that writer instead of failing. On SQLite this needs
transactions begun IMMEDIATE (``config/settings/base.py``): begun DEFERRED, the reading transaction is
refused at once with "database is locked" (SQLite's deadlock avoidance skips the busy timeout); a
Wagtail page submitted for approval failed so while the browser released its editing session. On
PostgreSQL the two writes touch different rows and never wait for each other."""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WAIT_S = 20


def _in_thread(work, errors: list[BaseException]) -> threading.Thread:
    def run():
        try:
            work()
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_issue_18_a_transaction_that_reads_then_writes_waits_for_a_concurrent_writer():
    read, writer_started = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def reads_then_writes():
        with transaction.atomic():
            assert not Group.objects.filter(name="naast").exists()
            read.set()
            assert writer_started.wait(WAIT_S)
            time.sleep(0.5)  # the other connection is now waiting to commit its write
            Group.objects.create(name="na het lezen")

    def writes():
        assert read.wait(WAIT_S)
        writer_started.set()
        Group.objects.create(name="naast")

    threads = [_in_thread(reads_then_writes, errors), _in_thread(writes, errors)]
    for thread in threads:
        thread.join(WAIT_S)
    assert errors == []
    written = Group.objects.filter(name__in=["na het lezen", "naast"])
    assert sorted(written.values_list("name", flat=True)) == ["na het lezen", "naast"]
