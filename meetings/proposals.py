"""Four eyes as two acts (art. 7.4, 9.4; issue 13 item 8): one person proposes a decision, a second
person of another kernpartij confirms or refuses it — by their own act, on their own screen.

- ``decision_propose``: the decider's decision is stored as a *pending* proposal; nothing happens
  to the file or the flow yet. The decider may take the decision (their role) and did not supply
  information for the file.
- ``decision_confirm``: a second person — of another kernpartij than the decider, who may take
  this decision too, who is not the decider and did not supply information for the file — confirms;
  the decision then takes effect exactly as a meeting decision would (the flow moves on, the case
  closes), recorded as a ``CollectiveDecision`` on the basis 'vier ogen'.
- ``decision_reject``: the same person refuses with a reason; the proposal is withdrawn and the
  task is open again for the decider.

The same checks decide the screens' access rule (``meetings.access_rules``) and the services: a
direct call by an ineligible user raises a Dutch ``ValidationError`` with a ``code``. Which file a
proposal is about and what its decision does is per kind, handed over by the file apps
(``meetings.subjects``); this module builds the mechanism once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.tasks import OPEN_STATUSES
from core.text import text_free_clean
from meetings.models import DecisionKind, DecisionProposal, ProposalStatus
from meetings.services import _four_eyes_basis
from meetings.subjects import decision_subject

if TYPE_CHECKING:
    import rules

    from accounts.models import User

NOT_PENDING = "Dit besluit wacht niet (meer) op bevestiging. Er is niets gewijzigd."


@dataclass
class KindContext:
    """What a proposal of one kind is about: its file, who may take it, who supplied information."""

    file: Any
    may_decide: rules.Predicate
    suppliers: set[int]


def decision_kind_context(kind: str, file_number: str) -> KindContext:
    subject = decision_subject(kind)
    file = subject.file(file_number)
    return KindContext(file, subject.may_decide, subject.suppliers(file))


def _decider_check(context: KindContext, by: User) -> None:
    if not context.may_decide.test(by) or by.party_id is None:
        raise ValidationError("U mag dit besluit niet nemen.", code="besluiter_onbevoegd")
    if by.pk in context.suppliers:
        raise ValidationError(
            "U hebt informatie voor dit dossier aangeleverd en kunt er daarom niet met alleen een bevestiging over "
            "besluiten. Leg het besluit vast als besluit van een overleg, of laat een ander besluiten.",
            code="besluiter_leverde_informatie",
        )


@transaction.atomic
def decision_propose(
    *, kind: str, file, by: User, outcome: str, motivation: str, details: dict | None = None, task_id=None
) -> DecisionProposal:
    """Store the decider's decision as pending; it takes effect only on another person's confirmation.
    The caller (the kind's own ``..._propose`` service) checks the decision's content first."""
    if kind not in DecisionKind.values:
        raise ValidationError("Onbekend soort besluit.", code="soort_ongeldig")
    context = decision_kind_context(kind, file.number)
    _decider_check(context, by)
    if DecisionProposal.objects.filter(kind=kind, file_number=file.number, status=ProposalStatus.PENDING).exists():
        raise ValidationError("Er wacht al een besluit over dit dossier op bevestiging.", code="voorstel_wacht_al")
    try:
        with transaction.atomic():
            return DecisionProposal.objects.create(
                kind=kind,
                file_number=file.number,
                task_id=task_id,
                outcome=outcome,
                motivation=motivation,
                details=details or {},
                proposed_by=by,
            )
    except IntegrityError as error:  # a colleague proposed at the same moment
        raise ValidationError(
            "Er wacht al een besluit over dit dossier op bevestiging.", code="voorstel_wacht_al"
        ) from error


def decision_confirmer_refusal(proposal: DecisionProposal, user: User) -> ValidationError | None:
    """Why ``user`` may not confirm or refuse ``proposal`` (None when they may): the four-eyes rule."""
    if proposal is None or proposal.status != ProposalStatus.PENDING:
        return ValidationError(NOT_PENDING, code="niet_in_afwachting")
    context = decision_kind_context(proposal.kind, proposal.file_number)
    if context.file is None:
        return ValidationError(NOT_PENDING, code="niet_in_afwachting")
    try:
        _four_eyes_basis(proposal.kind, context.file, proposal.proposed_by, user, context.may_decide, context.suppliers)
    except ValidationError as error:
        return error
    return None


def decision_may_confirm(user: User, proposal: DecisionProposal | None) -> bool:
    return proposal is not None and decision_confirmer_refusal(proposal, user) is None


def _locked_pending(proposal: DecisionProposal, by: User) -> DecisionProposal:
    proposal = DecisionProposal.objects.select_for_update().filter(pk=proposal.pk).first()
    refusal = decision_confirmer_refusal(proposal, by)
    if refusal is not None:
        raise refusal
    return proposal


@transaction.atomic
def decision_confirm(proposal: DecisionProposal, *, by: User):
    """The second person's own act: the decision takes effect (flow moves on / the case closes)."""
    proposal = _locked_pending(proposal, by)
    context = decision_kind_context(proposal.kind, proposal.file_number)
    authority = _four_eyes_basis(
        proposal.kind, context.file, proposal.proposed_by, by, context.may_decide, context.suppliers
    )
    proposal.status = ProposalStatus.CONFIRMED
    proposal.reviewed_by = by
    proposal.reviewed_at = timezone.now()
    proposal.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return decision_subject(proposal.kind).take_effect(context.file, proposal, authority)


@transaction.atomic
def decision_reject(proposal: DecisionProposal, *, by: User, reason: str) -> DecisionProposal:
    """The second person refuses, with a reason: the proposal is withdrawn, the task is open again."""
    reason = text_free_clean(reason or "").strip()
    proposal = _locked_pending(proposal, by)
    if not reason:
        raise ValidationError("Geef de reden waarom u het besluit niet bevestigt.", code="reden_ontbreekt")
    proposal.status = ProposalStatus.REJECTED
    proposal.reviewed_by = by
    proposal.reviewed_at = timezone.now()
    proposal.rejection_reason = reason
    proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "rejection_reason"])
    return proposal


# --- Selectors -------------------------------------------------------------------------------------


def decisions_awaiting_confirmation(user: User) -> list[DecisionProposal]:
    """The pending proposals ``user`` may confirm (the same rule as the confirmation screen)."""
    pending = DecisionProposal.objects.filter(status=ProposalStatus.PENDING).select_related("proposed_by__party")
    return [proposal for proposal in pending if decision_may_confirm(user, proposal)]


def decision_pending_for(kind: str, file_number: str) -> DecisionProposal | None:
    return DecisionProposal.objects.filter(kind=kind, file_number=file_number, status=ProposalStatus.PENDING).first()


def decision_last_rejected(kind: str, file_number: str) -> DecisionProposal | None:
    return (
        DecisionProposal.objects.filter(kind=kind, file_number=file_number, status=ProposalStatus.REJECTED)
        .select_related("reviewed_by__party")
        .order_by("-reviewed_at", "-pk")
        .first()
    )


def decision_proposal_state(kind: str, file_number: str, task) -> dict:
    """For the decider's task screen: the proposal waiting for confirmation, or the last refusal
    (with its reason) of a proposal on this still open task."""
    if task.status not in OPEN_STATUSES:
        return {}
    pending = decision_pending_for(kind, file_number)
    if pending is not None:
        return {"pending": pending}
    return {"rejected": decision_last_rejected(kind, file_number)}
