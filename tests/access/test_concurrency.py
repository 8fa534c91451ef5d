"""Issue 12 / art. 7.2: two posts of the same intake form at the same moment make one file
(PostgreSQL only: the unique token makes the second insert wait for the first)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection

from tests.helpers import verified_client
from tests.weegploeg.fixtures import intake_post, melder
from weegploeg.models import WeegploegFile


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_art_7_2_the_same_intake_posted_twice_at_once_makes_one_file_and_both_answers_show_it():
    author = melder()
    data = intake_post(submission_token=str(uuid.uuid4()))
    clients = [verified_client(author), verified_client(author)]
    barrier = threading.Barrier(2)
    pages: list[str] = []
    errors: list[BaseException] = []

    def post(client):
        try:
            barrier.wait()
            pages.append(client.post("/werk/weegploeg/melden/", data, follow=True).content.decode())
        except BaseException as error:  # the assertion below reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert WeegploegFile.objects.count() == 1
    number = WeegploegFile.objects.get().number
    assert len(pages) == 2
    assert all(number in page for page in pages)
