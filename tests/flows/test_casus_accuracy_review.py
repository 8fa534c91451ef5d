"""Art. 10.3 (issue 17 item 1): the uitvoerder checks every open casusoverleg file periodically for
correctness and completeness, like the weegploeg file (art. 8.3); the check is in the deadlines
overview."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from viewflow.workflow.models import Task

from casusoverleg.accuracy import casus_review_deadlines
from casusoverleg.models import CasusoverlegFile, CasusStatus
from core.tasks import OPEN_STATUSES
from flows.casus_review import CasusAccuracyReviewFlow, casus_accuracy_reviews_start
from flows.models import CasusAccuracyReview
from tests.casusoverleg.fixtures import GENNEP, agenda, deelnemer, uitvoerder
from tests.clock import freeze_time
from tests.helpers import verified_client

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 2, 10, 9, 0, tzinfo=datetime.UTC)


def _open_review(casus) -> Task:
    return Task.objects.get(
        process__flow_class=CasusAccuracyReviewFlow,
        process__artifact_object_id=casus.pk,
        flow_task=CasusAccuracyReviewFlow.review,
        status__in=OPEN_STATUSES,
    )


def test_art_10_3_every_open_case_gets_one_review_task_due_after_the_interval(capsys):
    with freeze_time(START):
        casus = agenda()
        closed = agenda()
        CasusoverlegFile.objects.filter(pk=closed.pk).update(status=CasusStatus.AFGESLOTEN)
        call_command("casus_accuracy_reviews")
        assert "gestart voor 1 casus" in capsys.readouterr().out
        assert casus_accuracy_reviews_start() == []  # idempotent: one task per open case
    assert _open_review(casus)
    assert not Task.objects.filter(process__flow_class=CasusAccuracyReviewFlow, process__artifact_object_id=closed.pk)
    [row] = casus_review_deadlines()
    assert row.number == casus.number
    assert row.due == datetime.date(2026, 8, 10)


def test_art_10_3_the_interval_is_a_setting(settings):
    settings.CASUSOVERLEG_ACCURACY_REVIEW_MONTHS = 3
    with freeze_time(START):
        casus = agenda()
        casus_accuracy_reviews_start()
    assert [(r.number, r.due) for r in casus_review_deadlines()] == [(casus.number, datetime.date(2026, 5, 10))]


def test_art_10_3_uitvoerder_records_the_check_over_http_and_the_next_one_is_due_after_the_interval():
    with freeze_time(START):
        casus = agenda()
        casus_accuracy_reviews_start()
        boss = uitvoerder()
    task = _open_review(casus)
    url = f"/werk/casussen/juistheid/{task.pk}/"
    with freeze_time(START + datetime.timedelta(days=3)):
        client = verified_client(boss)
        overview = client.get("/werk/rechten/termijnen/").content.decode()
        assert "Controle op juistheid casusoverleg (art. 10.3)" in overview
        assert url in overview
        assert casus.number in overview
        page = client.get(url)
        assert page.status_code == 200
        assert "10 augustus 2026" in page.content.decode()
        empty = client.post(url, {"note": ""})
        assert empty.status_code == 400
        assert not CasusAccuracyReview.objects.exists()
    with freeze_time(datetime.datetime(2026, 7, 1, 9, 0, tzinfo=datetime.UTC)):
        client = verified_client(boss)
        response = client.post(url, {"corrected": "on", "note": "Adres bijgewerkt na verhuizing."})
        assert response.status_code == 302
    review = CasusAccuracyReview.objects.get(file=casus)
    assert review.corrected
    assert review.reviewed_by == boss
    assert review.note == "Adres bijgewerkt na verhuizing."
    task.refresh_from_db()
    assert task.status == "DONE"
    following = _open_review(casus)  # the loop of the weegploeg's check: the next one is open
    assert following.pk != task.pk
    assert [(r.number, r.due) for r in casus_review_deadlines()] == [(casus.number, datetime.date(2027, 1, 1))]
    casus.refresh_from_db()
    assert casus.last_processed_at.date() == datetime.date(2026, 7, 1)  # a check is processing (art. 13)


def test_art_10_3_the_check_is_the_uitvoerders_and_a_refusal_changes_nothing():
    casus = agenda()
    casus_accuracy_reviews_start()
    url = f"/werk/casussen/juistheid/{_open_review(casus).pk}/"
    participant = verified_client(deelnemer(GENNEP))
    assert participant.get(url).status_code == 403
    assert participant.post(url, {"note": "Gecontroleerd"}).status_code == 403
    assert not CasusAccuracyReview.objects.exists()


def test_art_10_3_a_closed_case_ends_its_check_and_an_archived_case_loses_its_task():
    from retention.services import run as retention_services

    with freeze_time(START):
        casus, other = agenda(), agenda()
        casus_accuracy_reviews_start()
        boss = uitvoerder()
    CasusoverlegFile.objects.filter(pk=casus.pk).update(status=CasusStatus.AFGESLOTEN)
    client = verified_client(boss)
    client.post(f"/werk/casussen/juistheid/{_open_review(casus).pk}/", {"note": "Laatste controle."})
    assert not Task.objects.filter(
        process__flow_class=CasusAccuracyReviewFlow, process__artifact_object_id=casus.pk, status__in=OPEN_STATUSES
    ).exists()
    assert casus_accuracy_reviews_start() == []  # a closed case gets no new one
    with freeze_time(datetime.datetime(2027, 6, 1, 9, 0, tzinfo=datetime.UTC)):
        retention_services.retention_apply()  # art. 13.2: a year without processing, archived
    assert CasusoverlegFile.objects.get(pk=other.pk).archived_at is not None
    assert not Task.objects.filter(
        process__flow_class=CasusAccuracyReviewFlow, process__artifact_object_id=other.pk, status__in=OPEN_STATUSES
    ).exists()
    assert [r.number for r in casus_review_deadlines()] == []
