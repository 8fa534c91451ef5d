"""The weegploeg's decision: agenderen or not (art. 7.3-4, 8.2e; issue 13 item 8, issue 14 item 5).

Recorded at once as a meeting's decision (``weegploeg_decide`` with a meeting), or proposed by one
person and taking effect when a second person of another kernpartij confirms it by their own act
(``weegploeg_decision_propose``; ``meetings.proposals.decision_confirm`` calls
``weegploeg_decision_take_effect``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from core.processes import ProcessKind, process_flow
from parties.models import Party, PartyRole
from weegploeg.models import Decision, FileStatus, Outcome, WeegploegFile

if TYPE_CHECKING:
    from accounts.models import User


def _decision_content_check(file: WeegploegFile, outcome: str, involved_parties: Iterable[Party]) -> list[Party]:
    if Decision.objects.filter(file=file).exists():
        raise ValidationError("Over dit dossier is al besloten.", code="al_besloten")
    if outcome not in Outcome.values:
        raise ValidationError("Kies: agenderen of niet agenderen.", code="besluit_ongeldig")
    involved = list(involved_parties)
    allowed_roles = {PartyRole.CASUSPARTIJ, PartyRole.EXTERNE_CASUSPARTNER}
    if any(p.role not in allowed_roles for p in involved):
        raise ValidationError("Alleen casuspartijen en externe casuspartners kunnen worden betrokken.")
    return [] if outcome == Outcome.NIET_AGENDEREN else involved


def _decision_record(file: WeegploegFile, authority, *, by: User, outcome: str, motivation: str, involved) -> Decision:
    from meetings.services import collective_decision_record

    decision = Decision.objects.create(file=file, outcome=outcome, motivation=motivation, decided_by=by)
    decision.involved_parties.set(involved)
    collective_decision_record(authority, decision=decision)
    from weegploeg.services import _touch

    _touch(file, FileStatus.INFORMATIEPLICHT)
    return decision


@transaction.atomic
def weegploeg_decide(
    file: WeegploegFile,
    *,
    by: User,
    outcome: str,
    motivation: str,
    involved_parties: Iterable[Party] = (),
    meeting=None,
) -> Decision:
    """Art. 7.3-4, 8.2e: agenderen (with the casuspartijen and externe partners to involve) or not,
    recorded at once as the decision of a ``meeting`` with enough kernpartijen present and this file
    on the agenda (issue 14 item 5). Without a meeting the decision is not one user's: it is proposed
    (``weegploeg_decision_propose``) and takes effect when a second person of another kernpartij
    confirms it (issue 13 item 8, ``meetings.proposals``)."""
    from meetings.models import DecisionKind
    from meetings.services import decision_authority_check

    involved = _decision_content_check(file, outcome, involved_parties)
    authority = decision_authority_check(kind=DecisionKind.WEEGPLOEG, file=file, by=by, meeting=meeting)
    return _decision_record(file, authority, by=by, outcome=outcome, motivation=motivation, involved=involved)


@transaction.atomic
def weegploeg_decision_propose(
    file: WeegploegFile,
    *,
    by: User,
    outcome: str,
    motivation: str,
    involved_parties: Iterable[Party] = (),
    task_id: int | None = None,
):
    """Art. 7.4 (issue 13 item 8): the decider's decision waits for a second person's confirmation;
    nothing happens to the file or the flow yet."""
    from meetings.models import DecisionKind
    from meetings.proposals import decision_propose

    if file.status != FileStatus.BESLUIT:
        raise ValidationError("Dit dossier wacht niet op een besluit van de weegploeg.", code="geen_besluitfase")
    involved = _decision_content_check(file, outcome, involved_parties)
    if not motivation.strip():
        raise ValidationError("Motiveer het besluit.", code="motivering_ontbreekt")
    return decision_propose(
        kind=DecisionKind.WEEGPLOEG,
        file=file,
        by=by,
        outcome=outcome,
        motivation=motivation,
        details={"involved_party_ids": [p.pk for p in involved]},
        task_id=task_id,
    )


def weegploeg_decision_take_effect(file: WeegploegFile, proposal, authority) -> Decision:
    """The confirmed proposal takes effect as the decide task of the weegploeg flow: the decision is
    recorded with its four-eyes basis and the flow moves on (``meetings.proposals.decision_confirm``)."""
    from viewflow.workflow.models import Task

    from core import tasks as task_lifecycle

    task = Task.objects.filter(
        process_id=file.process_id,
        flow_task=process_flow(ProcessKind.WEEGPLOEG).decide,
        status__in=task_lifecycle.OPEN_STATUSES,
    ).first()
    if task is None:
        raise ValidationError("Dit dossier wacht niet (meer) op een besluit.", code="geen_besluitfase")
    involved = list(Party.objects.filter(pk__in=proposal.details.get("involved_party_ids", [])))
    decider = proposal.proposed_by

    def record():
        _decision_content_check(file, proposal.outcome, involved)
        return _decision_record(
            file, authority, by=decider, outcome=proposal.outcome, motivation=proposal.motivation, involved=involved
        )

    try:
        return task_lifecycle.task_complete(task, task.owner or decider, record)
    except task_lifecycle.TaskUnavailable as error:
        raise ValidationError(error.message, code="taak_niet_beschikbaar") from error
