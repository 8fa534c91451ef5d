"""Shared set-up for the casusoverleg tests: a case agendered by the weegploeg, users per role."""

from __future__ import annotations

import datetime

from django.utils import timezone
from viewflow.workflow.models import Task

from accounts.roles import Role
from casusoverleg.models import CasusoverlegFile
from core import tasks as task_lifecycle
from flows.casusoverleg import CasusoverlegFlow
from flows.weegploeg import WeegploegFlow
from tests.factories import PartyFactory, UserFactory, party
from tests.weegploeg.fixtures import accepted, decided_with_four_eyes, melder, register, weegploeglid
from weegploeg import services as weegploeg_services
from weegploeg.models import AnalysisNext, Art41Ground, CriterionAnswer, DutyOutcome, Outcome

RVDK = "De Raad voor de kinderbescherming"
GENNEP = "De gemeente Gennep"  # brings the signal and is the subject's woongemeente


def _weegploeg_task(file, name):
    return Task.objects.get(
        process_id=file.process_id, flow_task=getattr(WeegploegFlow, name), status__in=task_lifecycle.OPEN_STATUSES
    )


def agenda(*, involved=(RVDK,), by=None, **subject) -> CasusoverlegFile:
    """A signal from De gemeente Gennep, analysed, agendered with ``involved`` and its information
    duty recorded: the weegploeg flow ends and the casusoverleg file and flow start."""
    file = register(melder(GENNEP), **subject)
    lid = by or weegploeglid()
    items = [("ID-1", CriterionAnswer.APPLIES, "Filmpjes")]
    task_lifecycle.task_complete(
        _weegploeg_task(file, "analyse"),
        lid,
        lambda: weegploeg_services.analysis_record(
            file, by=lid, revision_id=1, items=items, summary="Zorgelijke uitingen.", next_step=AnalysisNext.BESLUIT
        ),
    )
    decided_with_four_eyes(
        file,
        lid,
        outcome=Outcome.AGENDEREN,
        motivation="Persoonsgerichte aanpak nodig.",
        involved_parties=[party(name) for name in involved],
    )
    task_lifecycle.task_complete(
        _weegploeg_task(file, "information_duty"),
        lid,
        lambda: weegploeg_services.information_duty_record(
            file,
            by=lid,
            consulted_parties=[party("De politie")],
            consultation_note="Overleg",
            outcome=DutyOutcome.DEFER,
            ground=Art41Ground.D,
            note="Lopend onderzoek",
            recheck_on=timezone.localdate() + datetime.timedelta(days=90),
        ),
    )
    return CasusoverlegFile.objects.get(source_weegploeg_number=file.number)


def deelnemer(party_name: str = GENNEP):
    return accepted(UserFactory(roles=[Role.CASUSOVERLEG_DEELNEMER], party=party(party_name)))


def uitvoerder(party_name: str = "De gemeente Heerlen"):
    return accepted(UserFactory(roles=[Role.UITVOERDER], party=party(party_name)))


def partner(the_party=None):
    return accepted(UserFactory(roles=[Role.EXTERNE_CASUSPARTNER], party=the_party or PartyFactory()))


def open_task(casus: CasusoverlegFile, name: str) -> Task:
    return Task.objects.get(
        process_id=casus.process_id,
        flow_task=getattr(CasusoverlegFlow, name),
        status__in=task_lifecycle.OPEN_STATUSES,
    )


def task_url(casus: CasusoverlegFile, name: str) -> str:
    return f"/werk/casussen/taak/{open_task(casus, name).pk}/"
