"""Shared set-up for the retention tests: files walked through the real services, a distinctive
subject (so that a scan of the database can look for it), and a frozen clock."""

from __future__ import annotations

import datetime

from django.utils import timezone
from viewflow.workflow.models import Task

from core import tasks as task_lifecycle
from core.months import add_months
from flows.weegploeg import WeegploegFlow
from tests.casusoverleg.fixtures import agenda
from tests.weegploeg.fixtures import decided_with_four_eyes, melder, register, weegploeglid
from weegploeg import services as weegploeg_services
from weegploeg.models import AnalysisNext, CriterionAnswer, DutyOutcome, Outcome, WeegploegFile

START = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)

# A subject nobody else in the test database has: the completeness scan looks for these.
DISTINCT_SUBJECT = {
    "given_names": "Quirijn Ottokar",
    "surname_prefix": "",
    "surname": "Xylofoonwerf",
    "date_of_birth": datetime.date(1999, 7, 13),
    "address": "Zandkorrelstraat 77",
    "postcode": "6591 ZQ",
    "residence": "Gennep",
    "municipality": "Gennep",
    "bsn": "123456782",
}
NEEDLES = ["Quirijn", "Ottokar", "Xylofoonwerf", "Zandkorrelstraat", "123456782", "1999-07-13", "13-07-1999"]


def at(*, months: int = 0, days: int = 0) -> datetime.datetime:
    """START plus calendar months and days."""

    day = add_months(START.date(), months) + datetime.timedelta(days=days)
    return START.replace(year=day.year, month=day.month, day=day.day)


def _task(file: WeegploegFile, name: str) -> Task:
    return Task.objects.get(
        process_id=file.process_id, flow_task=getattr(WeegploegFlow, name), status__in=task_lifecycle.OPEN_STATUSES
    )


def niet_agenderen(**subject) -> WeegploegFile:
    """A signal analysed and decided 'niet agenderen', with the information duty recorded."""
    file = register(melder(), **subject)
    lid = weegploeglid()
    items = [("ID-1", CriterionAnswer.NOT_APPLIES, "")]
    task_lifecycle.task_complete(
        _task(file, "analyse"),
        lid,
        lambda: weegploeg_services.analysis_record(
            file, by=lid, revision_id=1, items=items, summary="Onvoldoende.", next_step=AnalysisNext.BESLUIT
        ),
    )
    decided_with_four_eyes(
        file, lid, outcome=Outcome.NIET_AGENDEREN, motivation="Onvoldoende substantieel."
    )  # art. 7.4: proposed, then confirmed by another kernpartij (issue 13 item 8)
    task_lifecycle.task_complete(
        _task(file, "information_duty"),
        lid,
        lambda: weegploeg_services.information_duty_record(
            file,
            by=lid,
            consulted_parties=[lid.party],
            consultation_note="Overleg",
            outcome=DutyOutcome.INFORM_NOW,
            note="Geïnformeerd per brief.",
            informed_on=timezone.localdate(),
        ),
    )
    file.refresh_from_db()
    return file


def agendered(**subject):
    """(weegploeg file, casusoverleg file) of an agendered subject."""
    casus = agenda(**subject)
    return WeegploegFile.objects.get(number=casus.source_weegploeg_number), casus
