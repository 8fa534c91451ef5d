"""Destruction is complete (art. 13): after it, no table in the database holds the subject's name,
date of birth, address or BSN, and the access log's hash chain still verifies."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_verify
from retention.models import ArchiveConsultation, DestructionList, DestructionRecord, ListStatus
from retention.services.lists import destruction_list_approve
from retention.services.run import retention_apply
from tests.casusoverleg.fixtures import deelnemer, uitvoerder
from tests.clock import freeze_time
from tests.retention.fixtures import DISTINCT_SUBJECT, NEEDLES, agendered, at, niet_agenderen
from tests.retention.tables import traces

pytestmark = pytest.mark.django_db


def _rights_request_about(number: str):
    from rights.models import CorrectionItem, RequesterKind, RequestKind, RequestStatus, RightsRequest

    request = RightsRequest.objects.create(
        number="R-2026-0007",
        kind=RequestKind.CORRECTIE,
        received_on=at().date(),
        weegploeg_number=number,
        requester_kind=RequesterKind.BETROKKENE,
        reply_address=f"{DISTINCT_SUBJECT['address']}, Gennep",
        registered_by=uitvoerder(),
        status=RequestStatus.AFGEROND,
    )
    CorrectionItem.objects.create(request=request, field="surname", new_value="Xylofoonwerf-Baak", reason="Typfout")


def test_art_13_destroyed_files_leave_no_trace_in_any_table_and_the_log_verifies():
    with freeze_time(at()):
        file, casus = agendered(**DISTINCT_SUBJECT)
        boss = uitvoerder()
        _rights_request_about(file.number)
        # the subject's data were really there, in both files and more
        before = traces(NEEDLES)
        tables = {table for table, _, _ in before}
        assert {"weegploeg_subject", "casusoverleg_casussubject", "rights_rightsrequest"} <= tables
        from accesslog.services import access_log_write_system

        access_log_write_system(
            user=boss, action="read", object_type="weegploeg_file", object_ref=file.number, purpose="t"
        )
    with freeze_time(at(months=13)):
        retention_apply()
        ArchiveConsultation.objects.create(
            kind="weegploeg",
            file_number=file.number,
            reason="Vraag over Xylofoonwerf van de politie",
            user=deelnemer(),
            party=boss.party,
        )
    with freeze_time(at(months=60, days=1)):
        retention_apply()
        destruction_list_approve(DestructionList.objects.get(status=ListStatus.CONCEPT), by=boss)
    with freeze_time(at(months=60, days=7)):
        call_command("apply_retention", stdout=io.StringIO())
    assert DestructionRecord.objects.filter(file_number__in=[file.number, casus.number]).count() == 2
    assert traces(NEEDLES) == []
    # the access log keeps its pseudonymous rows and its chain
    assert AccessLogEntry.objects.filter(object_ref=file.number, action="delete").exists()
    report = access_log_verify()
    assert report.ok, report.reason
    call_command("verify_access_log", stdout=io.StringIO())


def test_art_13_destruction_record_holds_no_personal_data():
    with freeze_time(at()):
        file = niet_agenderen(**DISTINCT_SUBJECT)
    with freeze_time(at(months=6, days=1)):
        retention_apply()
    record = DestructionRecord.objects.get(file_number=file.number)
    text = " ".join(str(v) for v in DestructionRecord.objects.filter(pk=record.pk).values().first().values())
    assert not any(needle in text for needle in NEEDLES)
    # what it does say: pseudonymous id, category, dates, the rule, what went (counts per table)
    assert record.counted_from == at().date()
    assert record.due_on == at(months=6).date()
    assert record.removed["weegploeg.Subject"] == 1
    assert record.removed["viewflow.Process"] >= 2
    assert traces(NEEDLES) == []
