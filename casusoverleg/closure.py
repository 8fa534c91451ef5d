"""The kernpartijen's decision on closing the plan (art. 9.4, 8.2f, 10.2h; issue 13 item 8).

Recorded at once as the decision of a casusoverleg meeting with quorum (``closure_decide`` with a
meeting), or proposed by one person and taking effect only when a second person of another
kernpartij confirms it by their own act (``closure_propose``; ``meetings.proposals.decision_confirm``
calls ``closure_take_effect``). On closure the date is recorded in both files (art. 8.2f, 10.2h);
retention (art. 13) counts from it.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Task

from casusoverleg.case import case_fresh, case_touch
from casusoverleg.models import CasusoverlegFile, CasusStatus, ClosureDecision, ClosureOutcome, ReviewOutcome
from casusoverleg.selectors import casus_may_decide_closure
from core import tasks as task_lifecycle
from core.processes import ProcessKind, process_flow
from meetings.models import DecisionKind
from meetings.proposals import decision_propose
from meetings.services import collective_decision_record, decision_authority_check
from weegploeg.services import weegploeg_plan_closed_record

if TYPE_CHECKING:
    from accounts.models import User


def _closure_check(file: CasusoverlegFile, *, by: User, outcome: str, decided_on: datetime.date, motivation: str):
    """The decision's content (the same for a meeting decision and a proposal); returns the advice."""
    if not casus_may_decide_closure(by):
        raise PermissionDenied("Alleen de kernpartijen besluiten over het afsluiten van het plan.")
    if file.status != CasusStatus.AFSLUITING_GEADVISEERD:
        raise ValidationError("Het casusoverleg heeft (nog) geen afsluiting geadviseerd.", code="geen_advies")
    advice = file.reviews.filter(outcome=ReviewOutcome.AFSLUITING_ADVISEREN).order_by("-pk").first()
    if outcome not in ClosureOutcome.values:
        raise ValidationError("Kies: afsluiten of niet afsluiten.", code="besluit_ongeldig")
    if not motivation.strip():
        raise ValidationError("Motiveer het besluit.", code="motivering_ontbreekt")
    if decided_on > timezone.localdate():
        raise ValidationError("De datum van het besluit kan niet in de toekomst liggen.", code="datum_toekomst")
    if advice is not None and decided_on < advice.held_on:
        raise ValidationError("Het besluit kan niet vóór het advies van het casusoverleg liggen.", code="voor_advies")
    return advice


def _closure_record(
    file: CasusoverlegFile, authority, *, by: User, outcome: str, decided_on: datetime.date, motivation: str, advice
) -> ClosureDecision:
    decision = ClosureDecision.objects.create(
        file=file,
        advice=advice,
        outcome=outcome,
        decided_on=decided_on,
        motivation=motivation.strip(),
        decided_by=by,
        party=by.party,
    )
    collective_decision_record(authority, decision=decision)
    if outcome == ClosureOutcome.AFSLUITEN:
        case_touch(file, status=CasusStatus.AFGESLOTEN, closed_on=decided_on, closure_note=motivation.strip())

        weegploeg_plan_closed_record(file.source_weegploeg_number, closed_on=decided_on, note=motivation.strip())
    else:
        case_touch(file, status=CasusStatus.IN_UITVOERING)
    return decision


@transaction.atomic
def closure_decide(
    file: CasusoverlegFile,
    *,
    by: User,
    outcome: str,
    decided_on: datetime.date,
    motivation: str,
    meeting=None,
) -> ClosureDecision:
    """Art. 9.4: the kernpartijen decide on the casusoverleg's advice, recorded at once as the decision
    of a casusoverleg ``meeting`` with enough kernpartijen present and this file on the agenda. Runs
    inside the 'besluit kernpartijen' task (``core.tasks.task_complete`` holds the lock). Without a
    meeting the decision is a proposal (``closure_propose``) that another kernpartij confirms."""
    file = case_fresh(file)
    advice = _closure_check(file, by=by, outcome=outcome, decided_on=decided_on, motivation=motivation)
    authority = decision_authority_check(kind=DecisionKind.AFSLUITING, file=file, by=by, meeting=meeting)
    return _closure_record(
        file, authority, by=by, outcome=outcome, decided_on=decided_on, motivation=motivation, advice=advice
    )


@transaction.atomic
def closure_propose(
    file: CasusoverlegFile,
    *,
    by: User,
    outcome: str,
    decided_on: datetime.date,
    motivation: str,
    task_id: int | None = None,
):
    """Art. 9.4 (issue 13 item 8): the decider's closure decision waits for a second person's
    confirmation; nothing happens to the case or the flow yet."""
    file = case_fresh(file)
    _closure_check(file, by=by, outcome=outcome, decided_on=decided_on, motivation=motivation)
    return decision_propose(
        kind=DecisionKind.AFSLUITING,
        file=file,
        by=by,
        outcome=outcome,
        motivation=motivation.strip(),
        details={"decided_on": decided_on.isoformat()},
        task_id=task_id,
    )


def closure_take_effect(file: CasusoverlegFile, proposal, authority) -> ClosureDecision:
    """The confirmed proposal takes effect as the 'besluit kernpartijen' task: the decision is recorded
    with its four-eyes basis, the case closes (or goes on) and the flow moves on."""
    task = Task.objects.filter(
        process_id=file.process_id,
        flow_task=process_flow(ProcessKind.CASUSOVERLEG).decide_closure,
        status__in=task_lifecycle.OPEN_STATUSES,
    ).first()
    if task is None:
        raise ValidationError("Dit dossier wacht niet (meer) op een besluit.", code="geen_besluitfase")
    decider = proposal.proposed_by
    decided_on = datetime.date.fromisoformat(proposal.details["decided_on"])

    def record():
        fresh = case_fresh(file)
        advice = _closure_check(
            fresh, by=decider, outcome=proposal.outcome, decided_on=decided_on, motivation=proposal.motivation
        )
        return _closure_record(
            fresh,
            authority,
            by=decider,
            outcome=proposal.outcome,
            decided_on=decided_on,
            motivation=proposal.motivation,
            advice=advice,
        )

    try:
        return task_lifecycle.task_complete(task, task.owner or decider, record)
    except task_lifecycle.TaskUnavailable as error:
        raise ValidationError(error.message, code="taak_niet_beschikbaar") from error
