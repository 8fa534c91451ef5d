"""The child process of ``test_upgrade_flow_references``: run against the migrated copy of
``fixtures/pre_flows_layer.sqlite3.gz`` (``DATABASE_URL`` set by the test), with today's code.

``python -m tests.flows.upgrade_check`` checks every stored flow and task reference, works the
open tasks the fixture left (``fixtures/make_upgrade_fixture.py``) through the project's own
services, checks the references again (the rows the upgraded processes wrote), and prints a JSON
summary of what it did on its last line. Any failed check raises (exit status 1).
"""

from __future__ import annotations

import json
from collections import Counter

# What the migrated fixture holds: processes per flow reference. An old reference left over, or a
# process lost, changes these counts.
EXPECTED_PROCESSES = {
    "flows/weegploeg.WeegploegFlow": 4,
    "flows/accuracy_review.AccuracyReviewFlow": 4,
    "flows/casusoverleg.CasusoverlegFlow": 2,
    "flows/casus_review.CasusAccuracyReviewFlow": 2,
    "flows/rights.RightsRequestFlow": 1,
    "flows/incidents.IncidentFlow": 1,
}
OLD_PREFIXES = (
    "casusoverleg/flows.",
    "rights/flows.",
    "incidents/flows.",
    "flows/weegploeg.AccuracyReviewFlow",
)


def stored_references() -> tuple[list[str], list[str]]:
    """The raw strings in viewflow's tables (not through its fields, which hide a failure as None)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT flow_class FROM viewflow_process ORDER BY id")
        flows = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT flow_task FROM viewflow_task ORDER BY id")
        tasks = [row[0] for row in cursor.fetchall()]
    return flows, tasks


def references_check() -> Counter:
    """Every stored reference names a module that exists and is the one viewflow would store
    today for what it resolves to (not an old path that still imports through an alias)."""
    from viewflow.workflow.base import Flow
    from viewflow.workflow.fields import get_flow_ref, get_task_ref, import_flow_by_ref, import_task_by_ref
    from viewflow.workflow.models import Process, Task

    flows, tasks = stored_references()
    old = [ref for ref in flows + tasks if ref.startswith(OLD_PREFIXES)]
    assert not old, f"old references left: {sorted(set(old))}"
    for ref in set(flows):
        flow_class = import_flow_by_ref(ref)
        assert flow_class is not None, ref
        assert issubclass(flow_class, Flow), ref
        assert get_flow_ref(flow_class) == ref, (ref, get_flow_ref(flow_class))
    for ref in set(tasks):
        node = import_task_by_ref(ref)
        assert node is not None, ref
        assert get_task_ref(node) == ref, (ref, get_task_ref(node))
    # And through viewflow's own fields, as the screens load them: nothing comes back as None.
    assert all(process.flow_class is not None for process in Process.objects.all())
    assert all(task.flow_task is not None for task in Task.objects.all())
    return Counter(flows)


def _open_tasks(flow_ref: str, node: str) -> list:
    from viewflow.workflow.fields import import_task_by_ref
    from viewflow.workflow.models import Task

    from core.tasks import OPEN_STATUSES

    return list(
        Task.objects.filter(flow_task=import_task_by_ref(f"{flow_ref}.{node}"), status__in=OPEN_STATUSES).order_by("pk")
    )


def _only_open_task(flow_ref: str, node: str):
    tasks = _open_tasks(flow_ref, node)
    assert len(tasks) == 1, (flow_ref, node, tasks)
    return tasks[0]


def _open_nodes(process_id: int) -> list[str]:
    from viewflow.workflow.models import Task

    from core.tasks import OPEN_STATUSES

    return sorted(t.flow_task.name for t in Task.objects.filter(process_id=process_id, status__in=OPEN_STATUSES))


def _user(username: str):
    from accounts.models import User

    return User.objects.get(username=username)


WEEGPLOEG = "flows/weegploeg.WeegploegFlow"
ACCURACY = "flows/accuracy_review.AccuracyReviewFlow"
CASUS = "flows/casusoverleg.CasusoverlegFlow"
CASUS_REVIEW = "flows/casus_review.CasusAccuracyReviewFlow"
RIGHTS = "flows/rights.RightsRequestFlow"
INCIDENTS = "flows/incidents.IncidentFlow"


def weegploeg_work(done: list[str]) -> None:
    """Art. 7.3-7.4, 11: signal A's analysis, then signal B's (claimed) decision with four eyes
    and its information duty: the weegploeg ends and a casusoverleg starts."""
    import datetime

    from django.utils import timezone
    from viewflow.workflow.models import Process

    from casusoverleg.models import CasusoverlegFile
    from core import tasks as task_lifecycle
    from pages.selectors import referentiekader_live
    from tests.factories import party
    from tests.weegploeg.fixtures import decided_with_four_eyes
    from weegploeg import services as weegploeg_services
    from weegploeg.models import AnalysisNext, Art41Ground, CriterionAnswer, DutyOutcome, Outcome, WeegploegFile

    lid, om = _user("upgrade-lid"), _user("upgrade-om")
    version = referentiekader_live()
    analyse = _only_open_task(WEEGPLOEG, "analyse")
    file_a = WeegploegFile.objects.get(process_id=analyse.process_id)
    task_lifecycle.task_complete(
        analyse,
        lid,
        lambda: weegploeg_services.analysis_record(
            file_a,
            by=lid,
            revision_id=version.revision_id,
            items=[(version.criteria[0].code, CriterionAnswer.APPLIES, "Na de upgrade")],
            summary="Geanalyseerd na de upgrade.",
            next_step=AnalysisNext.BESLUIT,
        ),
    )
    assert _open_nodes(file_a.process_id) == ["decide"], _open_nodes(file_a.process_id)
    done.append("weegploeg analyse → decide")

    decide = next(t for t in _open_tasks(WEEGPLOEG, "decide") if t.process_id != file_a.process_id)
    assert decide.owner_id == lid.pk  # signal B's, claimed in the fixture
    file_b = WeegploegFile.objects.get(process_id=decide.process_id)
    decided_with_four_eyes(
        file_b,
        lid,
        second=om,
        outcome=Outcome.AGENDEREN,
        motivation="Persoonsgerichte aanpak nodig.",
        involved_parties=[party("De Raad voor de kinderbescherming")],
    )
    assert _open_nodes(file_b.process_id) == ["information_duty"], _open_nodes(file_b.process_id)
    done.append("weegploeg decide (claimed, four eyes) → information_duty")

    task_lifecycle.task_complete(
        _only_open_task(WEEGPLOEG, "information_duty"),
        lid,
        lambda: weegploeg_services.information_duty_record(
            file_b,
            by=lid,
            consulted_parties=[party("De politie")],
            consultation_note="Overleg",
            outcome=DutyOutcome.DEFER,
            ground=Art41Ground.D,
            note="Lopend onderzoek",
            recheck_on=timezone.localdate() + datetime.timedelta(days=90),
        ),
    )
    assert Process.objects.get(pk=file_b.process_id).status == "DONE"
    casus = CasusoverlegFile.objects.get(source_weegploeg_number=file_b.number)
    assert _open_nodes(casus.process_id) == ["adopt_plan"], _open_nodes(casus.process_id)
    done.append("weegploeg information_duty → end, casusoverleg started")


def casusoverleg_work(done: list[str]) -> None:
    """Art. 9.3-9.4: the fixture's open plan adopted; the claimed progress review recorded."""
    from django.utils import timezone

    from casusoverleg.models import CasusoverlegFile, MeasureStatus, ReviewOutcome
    from casusoverleg.plan import plan_adopt, plan_draft_update, plan_measure_add
    from casusoverleg.review import progress_review_record
    from core import tasks as task_lifecycle
    from tests.factories import party

    deelnemer = _user("upgrade-deelnemer")
    gennep = party("De gemeente Gennep")
    adopt = _only_open_task(CASUS, "adopt_plan")
    casus = CasusoverlegFile.objects.get(process_id=adopt.process_id)
    plan_draft_update(casus, by=deelnemer, aim="Doel na de upgrade")
    plan_measure_add(
        casus, by=deelnemer, description="Huisbezoek", goal="c", responsible_party=gennep, due_on=timezone.localdate()
    )
    task_lifecycle.task_complete(
        adopt,
        deelnemer,
        lambda: plan_adopt(casus, by=deelnemer, adopted_on=timezone.localdate(), present_parties=[gennep]),
    )
    assert _open_nodes(casus.process_id) == ["review"], _open_nodes(casus.process_id)
    done.append("casusoverleg adopt_plan → review")

    review = next(t for t in _open_tasks(CASUS, "review") if t.owner_id == deelnemer.pk)  # claimed in the fixture
    reviewed = CasusoverlegFile.objects.get(process_id=review.process_id)
    plan = reviewed.plan_versions.get(adopted_at__isnull=False, superseded_at__isnull=True)
    items = [(measure.pk, MeasureStatus.IN_UITVOERING, "") for measure in plan.measures.all()]
    task_lifecycle.task_complete(
        review,
        deelnemer,
        lambda: progress_review_record(
            reviewed,
            by=deelnemer,
            held_on=timezone.localdate(),
            summary="Voortgang besproken na de upgrade.",
            items=items,
            outcome=ReviewOutcome.VOORTZETTEN,
        ),
    )
    review.refresh_from_db()
    following = [t for t in _open_tasks(CASUS, "review") if t.process_id == reviewed.process_id]
    assert review.status == "DONE"
    assert len(following) == 1
    assert following[0].pk != review.pk
    done.append("casusoverleg review (claimed) → next review")


def other_flows_work(done: list[str]) -> None:
    """Art. 8.3, 10.3, 12.3, 15.2g: the uitvoerder takes the other open tasks; one weegploeg
    accuracy check is done and the next one is due."""
    from core import tasks as task_lifecycle
    from weegploeg import services as weegploeg_services
    from weegploeg.models import WeegploegFile

    uitvoerder = _user("upgrade-uitvoerder")
    for flow_ref, node in ((CASUS_REVIEW, "review"), (RIGHTS, "identify"), (INCIDENTS, "classify")):
        tasks = _open_tasks(flow_ref, node)
        assert tasks, (flow_ref, node)
        for task in tasks:
            task_lifecycle.task_claim(task, uitvoerder)
            task.refresh_from_db()
            assert task.status == "ASSIGNED", (flow_ref, node)
            assert task.owner_id == uitvoerder.pk, (flow_ref, node)
        done.append(f"{flow_ref.split('.')[-1]} {node} claimed: {len(tasks)}")

    checks = _open_tasks(ACCURACY, "review")
    assert len(checks) == 4, checks
    check = checks[0]
    file = WeegploegFile.objects.get(pk=check.process.artifact_object_id)
    task_lifecycle.task_complete(
        check,
        uitvoerder,
        lambda: weegploeg_services.accuracy_review_record(file, by=uitvoerder, corrected=False, note="Gecontroleerd"),
    )
    following = [t for t in _open_tasks(ACCURACY, "review") if t.process_id == check.process_id]
    assert _open_nodes(check.process_id) == ["review"]
    assert following[0].pk != check.pk
    done.append("AccuracyReviewFlow review → next review")


def copies_recorded(done: list[str]) -> None:
    """Art. 8.5: the migration recorded on each copied weegploeg file the casusoverleg file it went to."""
    from casusoverleg.models import CasusoverlegFile
    from weegploeg.models import WeegploegFile

    copies = dict(CasusoverlegFile.objects.values_list("source_weegploeg_number", "number"))
    assert copies, "the fixture holds agendered files"
    recorded = dict(WeegploegFile.objects.exclude(casusoverleg_number="").values_list("number", "casusoverleg_number"))
    assert recorded == copies, (recorded, copies)
    done.append(f"{len(copies)} copies recorded on their weegploeg file")


def main() -> None:
    import django

    django.setup()
    before = references_check()
    done_before: list[str] = []
    copies_recorded(done_before)
    assert dict(before) == EXPECTED_PROCESSES, dict(before)
    done: list[str] = done_before
    casusoverleg_work(done)
    weegploeg_work(done)  # after: it starts a casusoverleg whose plan is open in turn
    other_flows_work(done)
    after = references_check()  # the rows the upgraded processes wrote resolve too
    assert after[CASUS] == EXPECTED_PROCESSES[CASUS] + 1, dict(after)
    print(json.dumps({"processes_before": dict(before), "processes_after": dict(after), "done": done}))


if __name__ == "__main__":
    main()
