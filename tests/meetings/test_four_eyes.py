"""Art. 7.4, 9.4 (issue 13 item 8): four eyes is the confirmer's own act. The decider's decision is
a pending proposal that changes nothing; a second person of another kernpartij — not the decider,
not an information supplier for the file, who may take the decision too — confirms it (it then takes
effect) or refuses it with a reason (the task is open again for the decider). Checked in the
services, so a direct call by an ineligible user is refused too."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Task

from access.screens import access_allowed
from casusoverleg.closure import closure_propose
from casusoverleg.models import CasusStatus, ClosureDecision
from core import tasks as task_lifecycle
from flows.casusoverleg import CasusoverlegFlow
from flows.weegploeg import WeegploegFlow
from meetings.models import DecisionBasis, DecisionKind, DecisionProposal, ProposalStatus
from meetings.proposals import decision_confirm, decision_reject, decisions_awaiting_confirmation
from tests.casusoverleg.fixtures import deelnemer
from tests.meetings.fixtures import HEERLEN, OM, POLITIE, advised, ready_to_decide
from tests.weegploeg.fixtures import confirmer, weegploeglid
from weegploeg import services
from weegploeg.models import Decision, FileStatus, Outcome

pytestmark = pytest.mark.django_db


def _open(process_id, node):
    return Task.objects.filter(process_id=process_id, flow_task=node, status__in=task_lifecycle.OPEN_STATUSES).first()


@transaction.atomic  # as on the task screen: the claim and the proposal together, or neither
def _propose(file, lid, outcome=Outcome.NIET_AGENDEREN):
    task = _open(file.process_id, WeegploegFlow.decide)
    task_lifecycle.task_claim(task, lid)
    return services.weegploeg_decision_propose(
        file, by=lid, outcome=outcome, motivation="Onvoldoende substantieel.", task_id=task.pk
    )


def _refused(code, call):
    with pytest.raises(ValidationError) as error:
        call()
    assert error.value.code == code, error.value
    return " ".join(error.value.messages)


def _unchanged(file, proposal):
    file.refresh_from_db()
    proposal.refresh_from_db()
    assert file.status == FileStatus.BESLUIT
    assert not Decision.objects.filter(file=file).exists()
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.reviewed_by is None
    assert _open(file.process_id, WeegploegFlow.decide) is not None


def test_art_7_4_a_proposal_alone_changes_nothing():
    file, lid = ready_to_decide()
    proposal = _propose(file, lid)
    assert proposal.kind == DecisionKind.WEEGPLOEG
    assert proposal.proposed_by == lid
    _unchanged(file, proposal)
    assert _open(file.process_id, WeegploegFlow.decide).owner == lid
    assert not Task.objects.filter(process_id=file.process_id, flow_task=WeegploegFlow.information_duty).exists()


def test_art_7_4_a_confirmer_of_the_same_party_is_refused():
    file, lid = ready_to_decide()
    proposal = _propose(file, lid)
    colleague = weegploeglid(POLITIE)
    message = _refused("bevestiger_zelfde_partij", lambda: decision_confirm(proposal, by=colleague))
    assert "andere kernpartij" in message
    _refused("bevestiger_zelfde_partij", lambda: decision_reject(proposal, by=colleague, reason="Nee"))
    assert not access_allowed(colleague, "meetings.confirm_decision", proposal)
    assert decisions_awaiting_confirmation(colleague) == []
    _unchanged(file, proposal)


def test_art_7_4_the_information_supplier_neither_confirms_nor_proposes_alone():
    supplier = weegploeglid(OM)
    file, lid = ready_to_decide(supplier=supplier)
    proposal = _propose(file, lid)
    message = _refused("bevestiger_leverde_informatie", lambda: decision_confirm(proposal, by=supplier))
    assert "informatie" in message
    assert not access_allowed(supplier, "meetings.confirm_decision", proposal)
    _unchanged(file, proposal)
    other, _ = ready_to_decide(supplier=supplier)
    _refused(
        "besluiter_leverde_informatie",
        lambda: services.weegploeg_decision_propose(other, by=supplier, outcome=Outcome.AGENDEREN, motivation="m"),
    )
    assert not DecisionProposal.objects.filter(file_number=other.number).exists()


def test_art_7_4_the_decider_cannot_confirm_their_own_decision():
    file, lid = ready_to_decide()
    proposal = _propose(file, lid)
    _refused("bevestiger_is_besluiter", lambda: decision_confirm(proposal, by=lid))
    assert not access_allowed(lid, "meetings.confirm_decision", proposal)
    _unchanged(file, proposal)


def test_art_7_4_someone_who_may_not_decide_cannot_confirm():
    file, lid = ready_to_decide()
    proposal = _propose(file, lid)
    _refused("bevestiger_onbevoegd", lambda: decision_confirm(proposal, by=deelnemer(HEERLEN)))
    _unchanged(file, proposal)


def test_art_7_4_another_kernpartij_confirms_and_the_decision_takes_effect():
    file, lid = ready_to_decide()
    proposal = _propose(file, lid, Outcome.AGENDEREN)
    om_lid = confirmer(OM)
    assert decisions_awaiting_confirmation(om_lid) == [proposal]
    assert access_allowed(om_lid, "meetings.confirm_decision", proposal)
    decision = decision_confirm(proposal, by=om_lid)
    assert decision.outcome == Outcome.AGENDEREN
    assert decision.decided_by == lid
    record = decision.collective
    assert record.basis == DecisionBasis.FOUR_EYES
    assert record.meeting is None
    assert record.decided_by == lid
    assert record.confirmed_by == om_lid
    assert {p.name for p in record.parties_present.all()} == {POLITIE, OM}
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CONFIRMED
    assert proposal.reviewed_by == om_lid
    file.refresh_from_db()
    assert file.status == FileStatus.INFORMATIEPLICHT
    assert _open(file.process_id, WeegploegFlow.decide) is None
    assert _open(file.process_id, WeegploegFlow.information_duty) is not None
    # Confirmed once: a second confirmation is refused and changes nothing.
    _refused("niet_in_afwachting", lambda: decision_confirm(proposal, by=confirmer(HEERLEN)))
    assert Decision.objects.filter(file=file).count() == 1


def test_art_7_4_a_refusal_withdraws_the_decision_and_opens_the_task_again():
    file, lid = ready_to_decide()
    proposal = _propose(file, lid)
    om_lid = confirmer(OM)
    _refused("reden_ontbreekt", lambda: decision_reject(proposal, by=om_lid, reason="  \u202e "))
    _unchanged(file, proposal)
    decision_reject(proposal, by=om_lid, reason="Eerst de informatie van de gemeente afwachten.")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert proposal.reviewed_by == om_lid
    assert proposal.rejection_reason == "Eerst de informatie van de gemeente afwachten."
    file.refresh_from_db()
    assert file.status == FileStatus.BESLUIT
    assert not Decision.objects.filter(file=file).exists()
    task = _open(file.process_id, WeegploegFlow.decide)
    assert task is not None
    assert task.owner == lid
    assert decisions_awaiting_confirmation(om_lid) == []
    # The decider proposes again; this time it is confirmed.
    again = _propose(file, lid)
    assert decision_confirm(again, by=om_lid).collective.confirmed_by == om_lid


def test_art_7_4_one_proposal_at_a_time():
    file, lid = ready_to_decide()
    _propose(file, lid)
    _refused(
        "voorstel_wacht_al",
        lambda: services.weegploeg_decision_propose(file, by=lid, outcome=Outcome.AGENDEREN, motivation="m"),
    )
    assert DecisionProposal.objects.filter(file_number=file.number).count() == 1


# --- Closure of the plan (art. 9.4) ----------------------------------------------------------------


@transaction.atomic
def _propose_closure(casus, by):
    task = _open(casus.process_id, CasusoverlegFlow.decide_closure)
    task_lifecycle.task_claim(task, by)
    return closure_propose(
        casus, by=by, outcome="afsluiten", decided_on=timezone.localdate(), motivation="Doelen bereikt", task_id=task.pk
    )


def test_art_9_4_closure_proposal_changes_nothing_until_another_kernpartij_confirms():
    casus = advised()
    lid = weegploeglid()
    proposal = _propose_closure(casus, lid)
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFSLUITING_GEADVISEERD
    assert casus.closed_on is None
    assert not ClosureDecision.objects.filter(file=casus).exists()
    _refused("bevestiger_zelfde_partij", lambda: decision_confirm(proposal, by=weegploeglid(POLITIE)))
    _refused("bevestiger_is_besluiter", lambda: decision_confirm(proposal, by=lid))
    om_lid = confirmer(OM)
    decision = decision_confirm(proposal, by=om_lid)
    assert decision.collective.kind == DecisionKind.AFSLUITING
    assert decision.collective.basis == DecisionBasis.FOUR_EYES
    assert decision.collective.confirmed_by == om_lid
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFGESLOTEN
    assert casus.closed_on == timezone.localdate()
    assert _open(casus.process_id, CasusoverlegFlow.decide_closure) is None


def test_art_9_4_closure_refused_by_the_confirmer_leaves_the_case_open():
    casus = advised()
    lid = weegploeglid()
    proposal = _propose_closure(casus, lid)
    decision_reject(proposal, by=confirmer(OM), reason="Nog één maatregel loopt.")
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFSLUITING_GEADVISEERD
    assert casus.closed_on is None
    task = _open(casus.process_id, CasusoverlegFlow.decide_closure)
    assert task is not None
    assert task.owner == lid


def test_art_9_4_the_information_supplier_does_not_close_alone():
    from weegploeg.models import InformationRequest, WeegploegFile

    casus = advised()
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
    _refused("besluiter_leverde_informatie", lambda: _propose_closure(casus, supplier))
    proposal = _propose_closure(casus, lid)
    _refused("bevestiger_leverde_informatie", lambda: decision_confirm(proposal, by=supplier))
    casus.refresh_from_db()
    assert casus.closed_on is None
