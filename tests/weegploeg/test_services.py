"""The weegploeg services and flow, without the screens (art. 7, 8, 11)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.roles import Role
from casusoverleg.models import CasusoverlegFile
from core import tasks as task_lifecycle
from flows.accuracy_review import AccuracyReviewFlow
from flows.weegploeg import WeegploegFlow
from tests.factories import UserFactory, party
from tests.meetings.fixtures import meeting_with
from tests.weegploeg.fixtures import decided_with_four_eyes, melder, register, uitvoerder, weegploeglid
from weegploeg import services
from weegploeg.models import (
    AnalysisNext,
    Art41Ground,
    CriterionAnswer,
    DutyOutcome,
    FileStatus,
    Outcome,
    Signal,
    WeegploegFile,
)

pytestmark = pytest.mark.django_db


def open_task(file, name):
    flow_task = getattr(WeegploegFlow, name)
    return Task.objects.get(process_id=file.process_id, flow_task=flow_task, status__in=task_lifecycle.OPEN_STATUSES)


def analyse(file, user, next_step=AnalysisNext.BESLUIT, **kwargs):
    task = open_task(file, "analyse")
    items = [("ID-1", CriterionAnswer.APPLIES, "ja"), ("ID-2", CriterionAnswer.UNKNOWN, "")]
    return task_lifecycle.task_complete(
        task,
        user,
        lambda: services.analysis_record(
            file, by=user, revision_id=1, items=items, summary="Samenvatting", next_step=next_step, **kwargs
        ),
    )


def test_art_7_1_signal_register_creates_file_signal_and_starts_the_flow():
    file = register(melder())
    assert file.number.startswith(f"W-{timezone.localdate().year}-")
    assert file.signals.count() == 1
    assert file.status == FileStatus.IN_ANALYSE
    assert open_task(file, "analyse").status == STATUS.NEW
    review = Task.objects.get(process__flow_class=AccuracyReviewFlow, flow_task=AccuracyReviewFlow.review)
    assert review.process.artifact_object_id == file.pk
    signal = file.signals.get()
    assert signal.bringing_party == party("De gemeente Gennep")
    assert signal.melder_contact == "melder@example.invalid"


def test_art_7_1_only_a_kernpartij_melder_can_register():
    for user in (
        UserFactory(roles=[Role.WEEGPLOEGLID], party=party("De politie")),
        UserFactory(roles=[Role.CASUSOVERLEG_DEELNEMER], party=party("De Reclassering Nederland")),
    ):
        with pytest.raises(PermissionDenied):
            register(user)
    assert WeegploegFile.objects.count() == 0


def test_art_8_2_file_numbers_are_sequential():
    first, second = register(melder()), register(melder())
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1


def test_art_7_4_full_flow_agenderen_copies_to_casusoverleg_file():
    file = register(melder())
    lid = weegploeglid()
    analyse(file, lid)
    file.refresh_from_db()
    assert file.status == FileStatus.BESLUIT
    rvdk = party("De Raad voor de kinderbescherming")
    decided_with_four_eyes(file, lid, outcome=Outcome.AGENDEREN, motivation="Zorgelijk", involved_parties=[rvdk])
    task_lifecycle.task_complete(
        open_task(file, "information_duty"),
        lid,
        lambda: services.information_duty_record(
            file,
            by=lid,
            consulted_parties=[party("De politie"), party("Het Openbaar Ministerie")],
            consultation_note="Overleg gevoerd",
            outcome=DutyOutcome.DEFER,
            ground=Art41Ground.D,
            note="Lopend onderzoek",
            recheck_on=timezone.localdate() + datetime.timedelta(days=90),
        ),
    )
    file.refresh_from_db()
    assert file.status == FileStatus.GEAGENDEERD
    casus = CasusoverlegFile.objects.get(source_weegploeg_number=file.number)
    assert casus.subject.surname == "Vries"
    assert casus.signals.count() == 1
    assert list(casus.involved_parties.all()) == [rvdk]
    # copy, not move: the weegploeg file keeps its data
    assert Signal.objects.filter(file=file).count() == 1
    assert file.subject.surname == "Vries"
    assert file.process.status == "DONE"


def test_art_7_4_meer_informatie_loops_back_to_analysis_for_the_named_party_only():
    file = register(melder())
    lid = weegploeglid()
    analyse(file, lid, AnalysisNext.MEER_INFORMATIE, info_party=party("Het Openbaar Ministerie"), info_question="?")
    task = open_task(file, "supply_information")
    other_party_member = weegploeglid("De politie")
    om_member = weegploeglid("Het Openbaar Ministerie")
    with pytest.raises(task_lifecycle.TaskUnavailable):
        task_lifecycle.task_claim(task, other_party_member)
    task_lifecycle.task_complete(task, om_member, lambda: services.information_supply(file, by=om_member, answer="x"))
    assert open_task(file, "analyse").status == STATUS.NEW
    file.refresh_from_db()
    assert file.status == FileStatus.IN_ANALYSE


def test_art_11_3_deferral_needs_a_ground_and_a_future_recheck():
    file = register(melder())
    lid = weegploeglid()
    analyse(file, lid)
    decided_with_four_eyes(file, lid, outcome=Outcome.NIET_AGENDEREN, motivation="Onvoldoende")
    kwargs = {"by": lid, "consulted_parties": [party("De politie")], "consultation_note": "x", "note": "y"}
    with pytest.raises(ValidationError):
        services.information_duty_record(file, outcome=DutyOutcome.DEFER, ground="", **kwargs)
    with pytest.raises(ValidationError):
        services.information_duty_record(
            file, outcome=DutyOutcome.DEFER, ground="c", recheck_on=timezone.localdate(), **kwargs
        )


def test_art_8_2_known_subject_by_bsn_or_name_and_birth_date():
    first = register(melder(), bsn="111222333")
    second = register(melder(), bsn="111222333", surname="Anders")
    third = register(melder())
    assert first in services.subject_matches(second)
    assert first in services.subject_matches(third)
    services.subject_attach_existing(third, first, by=weegploeglid())
    third.refresh_from_db()
    assert third.subject_id == first.subject_id


def test_art_8_3_accuracy_review_plans_the_next_one():
    file = register(melder())
    user = uitvoerder()
    task = Task.objects.get(process__flow_class=AccuracyReviewFlow, flow_task=AccuracyReviewFlow.review)
    task_lifecycle.task_complete(
        task, user, lambda: services.accuracy_review_record(file, by=user, corrected=True, note="Adres bijgewerkt")
    )
    assert file.accuracy_reviews.count() == 1
    # a new review task awaits
    assert Task.objects.filter(flow_task=AccuracyReviewFlow.review, status=STATUS.NEW).count() == 1
    assert services.add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)


def test_art_15_task_completed_twice_gives_a_dutch_message_and_one_decision():
    file = register(melder())
    lid, other = weegploeglid(), weegploeglid()
    analyse(file, lid)
    task = open_task(file, "decide")
    meeting = meeting_with(file, present=("De politie", "Het Openbaar Ministerie"), users=[lid, other])

    def decide(user):
        return lambda: services.weegploeg_decide(
            file, by=user, outcome=Outcome.NIET_AGENDEREN, motivation="m", meeting=meeting
        )

    task_lifecycle.task_complete(task, lid, decide(lid))
    with pytest.raises(task_lifecycle.TaskUnavailable) as error:
        task_lifecycle.task_complete(task, other, decide(other))
    assert "al afgerond" in error.value.message
