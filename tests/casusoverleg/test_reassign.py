"""Issue 17 item 6: the uitvoerder hands a casusoverleg task to a colleague, as in the weegploeg
(art. 5, 10.1), over HTTP, through the one access entry point."""

from __future__ import annotations

import pytest
from django.utils import timezone
from viewflow.workflow.status import STATUS

from accesslog.models import AccessLogEntry
from casusoverleg.models import CasusoverlegFile
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda, deelnemer, open_task, uitvoerder
from tests.helpers import verified_client

pytestmark = pytest.mark.django_db


def _url(task) -> str:
    return f"/werk/casussen/taak/{task.pk}/toewijzen/"


def _rows(number: str, **filters):
    return AccessLogEntry.objects.filter(object_ref=number, **filters)


def test_art_10_1_uitvoerder_reassigns_a_casusoverleg_task_to_a_colleague_who_may_do_it():
    casus = agenda()
    task = open_task(casus, "adopt_plan")
    gennep, rvdk, outsider = deelnemer(GENNEP), deelnemer(RVDK), deelnemer("De gemeente Venlo")
    boss = verified_client(uitvoerder())
    page = boss.get(_url(task))
    assert page.status_code == 200
    options = page.content.decode()
    assert f'value="{gennep.pk}"' in options
    assert f'value="{rvdk.pk}"' in options
    assert f'value="{outsider.pk}"' not in options  # De gemeente Venlo does not take part in the case
    before = _rows(casus.number, action="update").count()
    response = boss.post(_url(task), {"user": gennep.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/werk/casussen/taak/{task.pk}/"
    task.refresh_from_db()
    assert task.owner == gennep
    assert task.status == STATUS.ASSIGNED
    changed = _rows(casus.number, action="update", allowed=True)
    assert changed.count() == before + 1  # one row: the change of the file, by the uitvoerder
    assert changed.order_by("-pk").first().purpose == "casusoverleg: taak toewijzen"
    # handed on again, from one colleague to another
    assert boss.post(_url(task), {"user": rvdk.pk}).status_code == 302
    task.refresh_from_db()
    assert task.owner == rvdk
    assert task.status == STATUS.ASSIGNED


def test_art_10_1_a_colleague_outside_the_case_is_refused_and_nothing_changes():
    casus = agenda()
    task = open_task(casus, "adopt_plan")
    outsider = deelnemer("De gemeente Venlo")
    response = verified_client(uitvoerder()).post(_url(task), {"user": outsider.pk})
    assert response.status_code == 400
    assert "Kies een collega uit de lijst." in response.content.decode()
    task.refresh_from_db()
    assert task.owner_id is None
    assert task.status == STATUS.NEW


def test_art_10_1_only_the_uitvoerder_reassigns_and_a_refusal_is_logged():
    casus = agenda()
    task = open_task(casus, "adopt_plan")
    participant = deelnemer(GENNEP)
    client = verified_client(participant)
    assert client.get(_url(task)).status_code == 403
    assert client.post(_url(task), {"user": participant.pk}).status_code == 403
    task.refresh_from_db()
    assert task.owner_id is None
    assert _rows(casus.number, allowed=False).count() == 2
    # the uitvoerder of an archived case cannot hand its tasks on either (art. 13.2)
    CasusoverlegFile.objects.filter(pk=casus.pk).update(archived_at=timezone.now())
    assert verified_client(uitvoerder()).get(_url(task)).status_code == 403


def test_art_10_1_a_finished_task_cannot_be_reassigned():
    from viewflow.workflow.models import Task

    from flows.casusoverleg import CasusoverlegFlow

    casus = _adopted()
    done = Task.objects.get(process_id=casus.process_id, flow_task=CasusoverlegFlow.adopt_plan)
    assert done.status == STATUS.DONE
    owner = done.owner_id
    boss = verified_client(uitvoerder())
    assert "kan niet meer worden toegewezen" in boss.get(_url(done)).content.decode()
    response = boss.post(_url(done), {"user": deelnemer(RVDK).pk})
    assert response.status_code == 400
    done.refresh_from_db()
    assert done.status == STATUS.DONE
    assert done.owner_id == owner


def _adopted():
    from casusoverleg.plan import plan_adopt, plan_draft_update, plan_measure_add
    from core import tasks as task_lifecycle
    from tests.factories import party

    casus = agenda()
    by = deelnemer(GENNEP)
    plan_draft_update(casus, by=by, aim="Doel")
    plan_measure_add(
        casus, by=by, description="Huisbezoek", goal="c", responsible_party=party(GENNEP), due_on=timezone.localdate()
    )
    task_lifecycle.task_complete(
        open_task(casus, "adopt_plan"),
        by,
        lambda: plan_adopt(casus, by=by, adopted_on=timezone.localdate(), present_parties=[party(GENNEP)]),
    )
    return casus


def test_art_10_1_the_task_screen_offers_reassigning_to_the_uitvoerder_only():
    casus = _adopted()
    task = open_task(casus, "review")
    screen = f"/werk/casussen/taak/{task.pk}/"
    assert _url(task) in verified_client(uitvoerder()).get(screen).content.decode()
    assert _url(task) not in verified_client(deelnemer(GENNEP)).get(screen).content.decode()
    rvdk = deelnemer(RVDK)
    assert verified_client(uitvoerder()).post(_url(task), {"user": rvdk.pk}).status_code == 302
    task.refresh_from_db()
    assert task.owner == rvdk
