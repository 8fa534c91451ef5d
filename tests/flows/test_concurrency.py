"""Two weegploeg members complete the same decision task at the same moment (PostgreSQL only:
viewflow's ``select_for_update_lock`` is a no-op on SQLite)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from viewflow.workflow.models import Task

from core import tasks as task_lifecycle
from flows.screens import CANNOT_WORK
from flows.weegploeg import WeegploegFlow
from meetings.models import DecisionProposal
from tests.helpers import verified_client
from tests.weegploeg.fixtures import confirmer, melder, register, weegploeglid
from weegploeg import services
from weegploeg.models import AnalysisNext, CriterionAnswer, Decision


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_art_15_two_members_complete_the_same_decision_at_once_and_one_wins():
    file = register(melder())
    first, second = weegploeglid(), weegploeglid("Het Openbaar Ministerie")
    analyse = Task.objects.get(process_id=file.process_id, flow_task=WeegploegFlow.analyse)
    items = [("ID-1", CriterionAnswer.APPLIES, "")]
    task_lifecycle.task_complete(
        analyse,
        first,
        lambda: services.analysis_record(
            file, by=first, revision_id=1, items=items, summary="s", next_step=AnalysisNext.BESLUIT
        ),
    )
    decide = Task.objects.get(process_id=file.process_id, flow_task=WeegploegFlow.decide)
    url = f"/werk/weegploeg/taak/{decide.pk}/"
    clients = [verified_client(first), verified_client(second)]
    heerlen = confirmer("De gemeente Heerlen")  # a third kernpartij confirms either proposal (art. 7.4)
    barrier = threading.Barrier(2)
    pages: list[str] = []

    def decide_as(client, outcome):
        try:
            barrier.wait()
            response = client.post(
                url, {"outcome": outcome, "motivation": "tegelijk", "basis": "vier_ogen"}, follow=True
            )
            pages.append(response.content.decode())
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide_as, args=(clients[0], "agenderen")),
        threading.Thread(target=decide_as, args=(clients[1], "niet_agenderen")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # One proposal waits for confirmation (issue 13 item 8); the other member got a Dutch message.
    assert DecisionProposal.objects.filter(file_number=file.number).count() == 1
    won = [p for p in pages if "is vastgelegd als voorstel" in p]
    refusals = (task_lifecycle.DONE, task_lifecycle.LOCKED, task_lifecycle.NOT_YOURS, CANNOT_WORK)
    lost = [p for p in pages if any(message in p for message in refusals)]
    assert len(won) == 1
    assert len(lost) == 1
    assert not Decision.objects.filter(file=file).exists()

    # Two second persons confirm the one proposal at the same moment: one decision, the flow moves on once.
    proposal = DecisionProposal.objects.get(file_number=file.number)
    confirmers = [verified_client(heerlen), verified_client(confirmer("De gemeente Roermond"))]
    confirm_url = f"/werk/overleggen/besluiten/{proposal.pk}/"
    codes: list[int] = []
    barrier = threading.Barrier(2)

    def confirm_as(client):
        try:
            barrier.wait()
            codes.append(client.post(confirm_url).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm_as, args=(client,)) for client in confirmers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 302 in codes
    assert all(code in (302, 403) for code in codes)
    assert Decision.objects.filter(file=file).count() == 1
    assert Task.objects.filter(process_id=file.process_id, flow_task=WeegploegFlow.information_duty).count() == 1
