"""Shared set-up for the meetings tests: a file ready for the weegploeg's decision, a meeting."""

from __future__ import annotations

import datetime

from django.utils import timezone

from core import tasks as task_lifecycle
from meetings import services as meeting_services
from meetings.models import Meeting, MeetingKind
from tests.casusoverleg.fixtures import uitvoerder
from tests.factories import party
from tests.weegploeg.fixtures import melder, register, weegploeglid
from weegploeg import services as weegploeg_services
from weegploeg.models import AnalysisNext, CriterionAnswer

POLITIE = "De politie"
OM = "Het Openbaar Ministerie"
HEERLEN = "De gemeente Heerlen"
RVDK = "De Raad voor de kinderbescherming"


def _task(file, name):
    from viewflow.workflow.models import Task

    from flows.weegploeg import WeegploegFlow

    return Task.objects.get(
        process_id=file.process_id, flow_task=getattr(WeegploegFlow, name), status__in=task_lifecycle.OPEN_STATUSES
    )


def _analyse(file, lid, next_step=AnalysisNext.BESLUIT, **kwargs):
    items = [("ID-1", CriterionAnswer.APPLIES, "ja")]
    task_lifecycle.task_complete(
        _task(file, "analyse"),
        lid,
        lambda: weegploeg_services.analysis_record(
            file, by=lid, revision_id=1, items=items, summary="Samenvatting", next_step=next_step, **kwargs
        ),
    )


def ready_to_decide(*, supplier=None):
    """A signal analysed to 'besluit'. With ``supplier``, that user first answered the file's
    information request (art. 7.4 'meer informatie')."""
    file = register(melder())
    lid = weegploeglid()
    if supplier is not None:
        _analyse(file, lid, AnalysisNext.MEER_INFORMATIE, info_party=supplier.party, info_question="Wat weet u nog?")
        task_lifecycle.task_complete(
            _task(file, "supply_information"),
            supplier,
            lambda: weegploeg_services.information_supply(file, by=supplier, answer="Bekend bij ons."),
        )
    _analyse(file, lid)
    file.refresh_from_db()
    return file, lid


def meeting_with(file, *, kind=MeetingKind.WEEGPLOEG, present=(POLITIE, OM), users=(), held_on=None) -> Meeting:
    """A held meeting with ``file`` on the agenda and ``present`` parties (and ``users``) attending."""
    by = uitvoerder()
    meeting = meeting_services.meeting_create(
        by=by, kind=kind, held_on=held_on or timezone.localdate() - datetime.timedelta(days=1)
    )
    meeting_services.meeting_agenda_add(meeting, by=by, number=file.number)
    meeting_services.meeting_attendance_record(
        meeting, by=by, parties=[party(name) for name in present], users=list(users)
    )
    return meeting


def advised():
    """A case whose casusoverleg adopted a plan and then advised closure (art. 9.3-9.4)."""
    from casusoverleg.models import CasusStatus
    from casusoverleg.plan import plan_adopt, plan_draft_update, plan_measure_add
    from casusoverleg.review import progress_review_record
    from tests.casusoverleg.fixtures import GENNEP, agenda, deelnemer, open_task

    casus = agenda()
    by = deelnemer(GENNEP)
    plan_draft_update(casus, by=by, aim="Doel")
    plan_measure_add(
        casus, by=by, description="Huisbezoek", goal="c", responsible_party=party(GENNEP), due_on=timezone.localdate()
    )
    task_lifecycle.task_complete(
        open_task(casus, "adopt_plan"),
        by,
        lambda: plan_adopt(casus, by=by, adopted_on=timezone.localdate(), present_parties=[party(GENNEP)]),
    )
    items = [(m.pk, "gereed", "") for m in casus.plan_versions.get(adopted_at__isnull=False).measures.all()]
    task_lifecycle.task_complete(
        open_task(casus, "review"),
        by,
        lambda: progress_review_record(
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
