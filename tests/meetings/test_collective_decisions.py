"""Art. 7.4, 9.4 (issue 13 item 8, issue 14 item 5): a weegploeg decision and a closure of the plan
are not one user's: a meeting with at least two kernpartijen present (here), or four eyes of two
kernpartijen as the confirmer's own act (``test_four_eyes.py``)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from casusoverleg.closure import closure_decide
from casusoverleg.models import ClosureDecision
from meetings.models import CollectiveDecision, DecisionBasis, DecisionKind, MeetingKind
from tests.factories import party
from tests.meetings.fixtures import HEERLEN, OM, POLITIE, advised, meeting_with, ready_to_decide
from tests.weegploeg.fixtures import weegploeglid
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
    assert "niet door één persoon" in message
    assert "andere kernpartij" in message
    file.refresh_from_db()
    assert file.status == FileStatus.BESLUIT
    assert not Decision.objects.filter(file=file).exists()


def test_art_7_4_meeting_with_two_kernpartijen_records_the_meeting_and_its_attendance():
    file, lid = ready_to_decide()
    om_lid = weegploeglid(OM)
    meeting = meeting_with(file, present=(POLITIE, OM, "De Raad voor de kinderbescherming"), users=[lid, om_lid])
    decision = _decide(file, lid, meeting=meeting)
    record = CollectiveDecision.objects.get(weegploeg_decision=decision)
    assert record.kind == DecisionKind.WEEGPLOEG
    assert record.basis == DecisionBasis.MEETING
    assert record.meeting == meeting
    assert record.file_number == file.number
    assert record.decided_by == lid
    assert {p.name for p in record.parties_present.all()} == {POLITIE, OM, "De Raad voor de kinderbescherming"}
    assert set(record.participants.all()) == {lid, om_lid}
    file.refresh_from_db()
    assert file.status == FileStatus.INFORMATIEPLICHT


def test_art_7_4_meeting_with_one_kernpartij_is_refused_with_a_dutch_message():
    file, lid = ready_to_decide()
    meeting = meeting_with(file, present=(POLITIE, "De Raad voor de kinderbescherming"), users=[lid])
    message = _refused("quorum_niet_gehaald", lambda: _decide(file, lid, meeting=meeting))
    assert "1 kernpartijen aanwezig" in message
    assert "ten minste 2" in message
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


def test_art_7_4_the_information_supplier_decides_in_a_meeting_with_quorum():
    supplier = weegploeglid(OM)
    file, lid = ready_to_decide(supplier=supplier)
    # In a meeting with quorum the supplier's knowledge is weighed by the weegploeg, not by them alone.
    meeting = meeting_with(file, present=(POLITIE, OM), users=[supplier, lid])
    assert _decide(file, supplier, meeting=meeting).collective.basis == DecisionBasis.MEETING


def test_art_7_4_no_meeting_decision_while_a_proposal_waits_for_confirmation():
    file, lid = ready_to_decide()
    services.weegploeg_decision_propose(file, by=lid, outcome=Outcome.AGENDEREN, motivation="Zorgelijk")
    meeting = meeting_with(file, present=(POLITIE, OM), users=[lid])
    _refused("voorstel_wacht_al", lambda: _decide(file, lid, meeting=meeting))
    assert not Decision.objects.filter(file=file).exists()


# --- Closure of the plan (art. 9.4) ----------------------------------------------------------------


def _close(casus, by, **basis):
    return closure_decide(
        casus, by=by, outcome="afsluiten", decided_on=timezone.localdate(), motivation="Doelen bereikt", **basis
    )


def test_art_9_4_closure_without_quorum_or_confirmation_is_refused():
    casus = advised()
    _refused("quorum_ontbreekt", lambda: _close(casus, weegploeglid()))
    casus.refresh_from_db()
    assert casus.closed_on is None
    assert not ClosureDecision.objects.filter(file=casus).exists()


def test_art_9_4_closure_as_a_casusoverleg_meeting_decision():
    casus = advised()
    lid = weegploeglid()
    small = meeting_with(casus, kind=MeetingKind.CASUSOVERLEG, present=(POLITIE,), users=[lid])
    _refused("quorum_niet_gehaald", lambda: _close(casus, lid, meeting=small))
    meeting = meeting_with(
        casus, kind=MeetingKind.CASUSOVERLEG, present=(POLITIE, OM, "De gemeente Gennep"), users=[lid]
    )
    decision = _close(casus, lid, meeting=meeting)
    record = decision.collective
    assert record.meeting == meeting
    assert record.basis == DecisionBasis.MEETING
    assert party(OM) in record.parties_present.all()
    assert lid in record.participants.all()
