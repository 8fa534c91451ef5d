"""Two participants adopt the plan, or two kernpartijen close it, at the same moment: exactly one
succeeds (PostgreSQL only: viewflow's ``select_for_update_lock`` is a no-op on SQLite)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone

from casusoverleg.models import CasusStatus, ClosureDecision, PlanVersion
from casusoverleg.plan import plan_adopt, plan_draft_update, plan_measure_add
from casusoverleg.review import progress_review_record
from core import tasks as task_lifecycle
from meetings.models import DecisionProposal
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda, deelnemer, open_task, task_url
from tests.factories import party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import confirmer, weegploeglid


def _at_once(requests) -> list[int]:
    """Run the (client, path, data) POSTs in parallel threads; their status codes."""
    barrier = threading.Barrier(len(requests))
    codes: list[int] = []

    def post(client, path, data):
        try:
            barrier.wait()
            codes.append(client.post(path, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def _draft(casus, by):
    plan_draft_update(casus, by=by, aim="Doel")
    plan_measure_add(
        casus, by=by, description="Huisbezoek", goal="c", responsible_party=party(GENNEP), due_on=timezone.localdate()
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_art_9_3_two_participants_adopt_the_plan_at_once_and_one_wins():
    casus = agenda(involved=[RVDK])
    first, second = deelnemer(GENNEP), deelnemer(RVDK)
    _draft(casus, first)
    path = f"/werk/casussen/{casus.number}/plan/vaststellen/"
    data = {"adopted_on": timezone.localdate().isoformat(), "present_parties": [party(GENNEP).pk]}
    codes = _at_once([(verified_client(first), path, data), (verified_client(second), path, data)])
    assert sorted(codes) == [302, 400]
    assert PlanVersion.objects.filter(file=casus, adopted_at__isnull=False).count() == 1
    assert open_task(casus, "review")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_art_9_4_two_kernpartijen_close_at_once_and_one_wins():
    casus = agenda(involved=[RVDK])
    by = deelnemer(GENNEP)
    _draft(casus, by)
    task_lifecycle.task_complete(
        open_task(casus, "adopt_plan"),
        by,
        lambda: plan_adopt(casus, by=by, adopted_on=timezone.localdate(), present_parties=[party(GENNEP)]),
    )
    plan = PlanVersion.objects.get(file=casus)
    items = [(m.pk, "gereed", "") for m in plan.measures.all()]
    task_lifecycle.task_complete(
        open_task(casus, "review"),
        by,
        lambda: progress_review_record(
            casus,
            by=by,
            held_on=timezone.localdate(),
            summary="Klaar",
            items=items,
            outcome="afsluiting_adviseren",
            closure_reason="Doelen bereikt",
        ),
    )
    path = task_url(casus, "decide_closure")
    heerlen = confirmer("De gemeente Heerlen")  # art. 9.4: a third kernpartij confirms either proposal
    data = {
        "outcome": "afsluiten",
        "decided_on": timezone.localdate().isoformat(),
        "motivation": "Tegelijk",
        "basis": "vier_ogen",
    }
    om, politie = weegploeglid("Het Openbaar Ministerie"), weegploeglid("De politie")
    codes = _at_once([(verified_client(om), path, data), (verified_client(politie), path, data)])
    assert codes.count(302) == 2  # the loser is sent back to the task with a Dutch message
    # One proposal waits for a second person (issue 13 item 8); nothing is closed yet.
    assert DecisionProposal.objects.filter(file_number=casus.number).count() == 1
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFSLUITING_GEADVISEERD
    proposal = DecisionProposal.objects.get(file_number=casus.number)
    confirm = f"/werk/overleggen/besluiten/{proposal.pk}/"
    codes = _at_once(
        [(verified_client(heerlen), confirm, {}), (verified_client(confirmer("De gemeente Roermond")), confirm, {})]
    )
    assert 302 in codes
    assert all(code in (302, 403) for code in codes)
    assert ClosureDecision.objects.filter(file=casus).count() == 1
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFGESLOTEN
