"""Two weegploeg members complete the same decision task at the same moment (PostgreSQL only:
viewflow's ``select_for_update_lock`` is a no-op on SQLite)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from viewflow.workflow.models import Task

from flows import services as flow_services
from flows.views import CANNOT_WORK
from flows.weegploeg import WeegploegFlow
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
    flow_services.task_complete(
        analyse,
        first,
        lambda: services.analysis_record(
            file, by=first, revision_id=1, items=items, summary="s", next_step=AnalysisNext.BESLUIT
        ),
    )
    decide = Task.objects.get(process_id=file.process_id, flow_task=WeegploegFlow.decide)
    url = f"/werk/weegploeg/taak/{decide.pk}/"
    clients = [verified_client(first), verified_client(second)]
    heerlen = confirmer("De gemeente Heerlen")  # a third kernpartij confirms either decision (art. 7.4)
    barrier = threading.Barrier(2)
    pages: list[str] = []

    def decide_as(client, outcome):
        try:
            barrier.wait()
            response = client.post(
                url, {"outcome": outcome, "motivation": "tegelijk", "confirmed_by": heerlen.pk}, follow=True
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

    assert Decision.objects.filter(file=file).count() == 1
    won = [p for p in pages if "is vastgelegd voor dossier" in p]
    refusals = (flow_services.DONE, flow_services.LOCKED, CANNOT_WORK)
    lost = [p for p in pages if any(message in p for message in refusals)]
    assert len(won) == 1 and len(lost) == 1
    assert Task.objects.filter(process_id=file.process_id, flow_task=WeegploegFlow.information_duty).count() == 1
