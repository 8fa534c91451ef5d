"""Art. 7.4, 9.4 (issue 13 item 8, issue 14 item 5): a weegploeg decision and a closure of the plan
are not one user's: a meeting with at least two kernpartijen present, or four eyes of two
kernpartijen; whoever supplied information for the file does not weigh it alone."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from casusoverleg import services as casus_services
from casusoverleg.models import CasusStatus, ClosureDecision
from meetings.models import CollectiveDecision, DecisionBasis, DecisionKind, MeetingKind
from tests.casusoverleg.fixtures import agenda
from tests.factories import party
from tests.meetings.fixtures import HEERLEN, OM, POLITIE, meeting_with, ready_to_decide
from tests.weegploeg.fixtures import confirmer, weegploeglid
from weegploeg import services
from weegploeg.models import Decision, FileStatus, Outcome

pytestmark = pytest.mark.django_db


def _decide(file, lid, **basis):
    return services.weegploeg_decide(file, by=lid, outcome=Outcome.NIET_AGENDEREN, motivation="Onvoldoende", **basis)


def _refused(code, call):
    with pytest.raises(ValidationError) as error:
        call()
    assert error.value.code == code, error.value
    return " ".join(error.value.messages)


def test_art_7_4_weegploeg_decision_without_quorum_or_confirmation_is_refused():
    file, lid = ready_to_decide()
    message = _refused("quorum_ontbreekt", lambda: _decide(file, lid))
    assert "niet door één persoon" in message and "andere kernpartij" in message
    file.refresh_from_db()
    assert file.status == FileStatus.BESLUIT and not Decision.objects.filter(file=file).exists()


def test_art_7_4_meeting_with_two_kernpartijen_records_the_meeting_and_its_attendance():
    file, lid = ready_to_decide()
    om_lid = weegploeglid(OM)
    meeting = meeting_with(file, present=(POLITIE, OM, "De Raad voor de kinderbescherming"), users=[lid, om_lid])
    decision = _decide(file, lid, meeting=meeting)
    record = CollectiveDecision.objects.get(weegploeg_decision=decision)
    assert record.kind == DecisionKind.WEEGPLOEG and record.basis == DecisionBasis.MEETING
    assert record.meeting == meeting and record.file_number == file.number and record.decided_by == lid
    assert {p.name for p in record.parties_present.all()} == {POLITIE, OM, "De Raad voor de kinderbescherming"}
    assert set(record.participants.all()) == {lid, om_lid}
    file.refresh_from_db()
    assert file.status == FileStatus.INFORMATIEPLICHT


def test_art_7_4_meeting_with_one_kernpartij_is_refused_with_a_dutch_message():
    file, lid = ready_to_decide()
    meeting = meeting_with(file, present=(POLITIE, "De Raad voor de kinderbescherming"), users=[lid])
    message = _refused("quorum_niet_gehaald", lambda: _decide(file, lid, meeting=meeting))
    assert "1 kernpartijen aanwezig" in message and "ten minste 2" in message
    assert not Decision.objects.filter(file=file).exists()


@override_settings(MEETING_QUORUM_KERNPARTIJEN=3)
def test_art_7_4_the_quorum_is_configurable():
    file, lid = ready_to_decide()
    meeting = meeting_with(file, present=(POLITIE, OM), users=[lid])
    _refused("quorum_niet_gehaald", lambda: _decide(file, lid, meeting=meeting))
    third = meeting_with(file, present=(POLITIE, OM, HEERLEN), users=[lid])
    assert _decide(file, lid, meeting=third).collective.meeting == third


def test_art_7_4_meeting_must_have_the_file_on_its_agenda_be_held_and_list_the_decider():
    file, lid = ready_to_decide()
    other, _ = ready_to_decide()
    elsewhere = meeting_with(other, present=(POLITIE, OM), users=[lid])
    _refused("niet_geagendeerd", lambda: _decide(file, lid, meeting=elsewhere))
    future = meeting_with(
        file, present=(POLITIE, OM), users=[lid], held_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    _refused("overleg_toekomst", lambda: _decide(file, lid, meeting=future))
    absent = meeting_with(file, present=(POLITIE, OM))
    _refused("besluiter_niet_aanwezig", lambda: _decide(file, lid, meeting=absent))
    wrong_kind = meeting_with(other, kind=MeetingKind.WEEGPLOEG, present=(POLITIE, OM), users=[lid])
    wrong_kind.kind = MeetingKind.CASUSOVERLEG
    wrong_kind.save()
    _refused("overleg_soort", lambda: _decide(other, lid, meeting=wrong_kind))
    assert not Decision.objects.exists()


def test_art_7_4_four_eyes_by_another_kernpartij_goes_through():
    file, lid = ready_to_decide()
    om_lid = confirmer(OM)
    decision = _decide(file, lid, confirmed_by=om_lid)
    record = decision.collective
    assert record.basis == DecisionBasis.FOUR_EYES and record.meeting is None
    assert record.decided_by == lid and record.confirmed_by == om_lid
    assert {p.name for p in record.parties_present.all()} == {POLITIE, OM}


def test_art_7_4_four_eyes_by_the_same_party_or_oneself_is_refused():
    file, lid = ready_to_decide()
    _refused("bevestiger_zelfde_partij", lambda: _decide(file, lid, confirmed_by=weegploeglid(POLITIE)))
    _refused("bevestiger_is_besluiter", lambda: _decide(file, lid, confirmed_by=lid))
    assert not Decision.objects.filter(file=file).exists()


def test_art_7_4_four_eyes_by_someone_who_may_not_decide_is_refused():
    from tests.casusoverleg.fixtures import deelnemer

    file, lid = ready_to_decide()
    _refused("bevestiger_onbevoegd", lambda: _decide(file, lid, confirmed_by=deelnemer(HEERLEN)))


def test_art_7_4_the_information_supplier_is_neither_single_decider_nor_confirmer():
    supplier = weegploeglid(OM)
    file, lid = ready_to_decide(supplier=supplier)
    message = _refused("bevestiger_leverde_informatie", lambda: _decide(file, lid, confirmed_by=supplier))
    assert "informatie" in message
    _refused("besluiter_leverde_informatie", lambda: _decide(file, supplier, confirmed_by=confirmer(HEERLEN)))
    assert not Decision.objects.filter(file=file).exists()
    # In a meeting with quorum the supplier's knowledge is weighed by the weegploeg, not by them alone.
    meeting = meeting_with(file, present=(POLITIE, OM), users=[supplier, lid])
    assert _decide(file, supplier, meeting=meeting).collective.basis == DecisionBasis.MEETING


def test_art_7_4_either_a_meeting_or_a_confirmation_not_both():
    file, lid = ready_to_decide()
    meeting = meeting_with(file, present=(POLITIE, OM), users=[lid])
    _refused("dubbele_grondslag", lambda: _decide(file, lid, meeting=meeting, confirmed_by=confirmer()))


# --- Closure of the plan (art. 9.4) ----------------------------------------------------------------


def _advised():
    """A case whose casusoverleg adopted a plan and then advised closure (art. 9.3-9.4)."""
    from flows import services as flow_services
    from tests.casusoverleg.fixtures import GENNEP, deelnemer, open_task

    casus = agenda()
    by = deelnemer(GENNEP)
    casus_services.plan_draft_update(casus, by=by, aim="Doel")
    casus_services.plan_measure_add(
        casus, by=by, description="Huisbezoek", goal="c", responsible_party=party(GENNEP), due_on=timezone.localdate()
    )
    flow_services.task_complete(
        open_task(casus, "adopt_plan"),
        by,
        lambda: casus_services.plan_adopt(
            casus, by=by, adopted_on=timezone.localdate(), present_parties=[party(GENNEP)]
        ),
    )
    items = [(m.pk, "gereed", "") for m in casus.plan_versions.get(adopted_at__isnull=False).measures.all()]
    flow_services.task_complete(
        open_task(casus, "review"),
        by,
        lambda: casus_services.progress_review_record(
            casus,
            by=by,
            held_on=timezone.localdate(),
            summary="Klaar",
            items=items,
            outcome="afsluiting_adviseren",
            closure_reason="Doelen bereikt",
        ),
    )
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFSLUITING_GEADVISEERD
    return casus


def _close(casus, by, **basis):
    return casus_services.closure_decide(
        casus, by=by, outcome="afsluiten", decided_on=timezone.localdate(), motivation="Doelen bereikt", **basis
    )


def test_art_9_4_closure_without_quorum_or_confirmation_is_refused():
    casus = _advised()
    _refused("quorum_ontbreekt", lambda: _close(casus, weegploeglid()))
    casus.refresh_from_db()
    assert casus.closed_on is None and not ClosureDecision.objects.filter(file=casus).exists()


def test_art_9_4_closure_by_four_eyes_of_two_kernpartijen():
    casus = _advised()
    lid, om_lid = weegploeglid(), confirmer(OM)
    _refused("bevestiger_zelfde_partij", lambda: _close(casus, lid, confirmed_by=weegploeglid(POLITIE)))
    decision = _close(casus, lid, confirmed_by=om_lid)
    assert decision.collective.kind == DecisionKind.AFSLUITING and decision.collective.confirmed_by == om_lid
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFGESLOTEN


def test_art_9_4_closure_as_a_casusoverleg_meeting_decision():
    casus = _advised()
    lid = weegploeglid()
    small = meeting_with(casus, kind=MeetingKind.CASUSOVERLEG, present=(POLITIE,), users=[lid])
    _refused("quorum_niet_gehaald", lambda: _close(casus, lid, meeting=small))
    meeting = meeting_with(
        casus, kind=MeetingKind.CASUSOVERLEG, present=(POLITIE, OM, "De gemeente Gennep"), users=[lid]
    )
    decision = _close(casus, lid, meeting=meeting)
    record = decision.collective
    assert record.meeting == meeting and record.basis == DecisionBasis.MEETING
    assert party(OM) in record.parties_present.all() and lid in record.participants.all()


def test_art_9_4_the_information_supplier_does_not_close_alone():
    from weegploeg.models import InformationRequest, WeegploegFile

    casus = _advised()
    supplier, lid = weegploeglid(OM), weegploeglid()
    InformationRequest.objects.create(
        file=WeegploegFile.objects.get(number=casus.source_weegploeg_number),
        party=supplier.party,
        question="Wat weet u nog?",
        requested_by=lid,
        answer="Bekend bij ons.",
        answered_by=supplier,
        answered_at=timezone.now(),
    )
    _refused("besluiter_leverde_informatie", lambda: _close(casus, supplier, confirmed_by=confirmer(HEERLEN)))
    _refused("bevestiger_leverde_informatie", lambda: _close(casus, lid, confirmed_by=supplier))
    casus.refresh_from_db()
    assert casus.closed_on is None
