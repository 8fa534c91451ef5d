"""Retention corner cases (issue 17 item 7): an archived weegploeg file is not written to by the
casusoverleg's closure, the 6-month rule after a reactivation, rights on archived files, and a
run that never lists or reports a destroyed file wrongly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from retention.due import due_chunks, rule_due
from retention.models import DestructionList, DestructionListItem, HoldKind, ItemStatus, ListStatus
from retention.rules import RULES
from retention.selectors import ARCHIVED_READ_ONLY
from retention.services.holds import hold_place, hold_release
from retention.services.lists import destruction_list_approve
from retention.services.reactivation import file_reactivate
from retention.services.run import listable, retention_apply
from tests.casusoverleg.fixtures import uitvoerder
from tests.clock import freeze_time
from tests.retention.fixtures import agendered, at, niet_agenderen
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db


def test_art_13_2_closing_the_casusoverleg_does_not_write_to_the_archived_weegploeg_file():
    from weegploeg.services import weegploeg_plan_closed_record

    with freeze_time(at()):
        file, _casus = agendered()
    with freeze_time(at(months=12, days=1)):
        retention_apply()
        archived = WeegploegFile.objects.get(pk=file.pk)
        assert archived.archived_at is not None
    with freeze_time(at(months=13)):
        # what the casusoverleg's closure (art. 9.4, 8.2f) calls for the weegploeg file
        assert weegploeg_plan_closed_record(file.number, closed_on=at(months=13).date(), note="Doelen bereikt") is None
    after = WeegploegFile.objects.get(pk=file.pk)
    assert after.last_processed_at == archived.last_processed_at  # the term did not restart
    assert after.plan_closed_on is None
    assert after.archived_at == archived.archived_at
    with freeze_time(at(months=60, days=1)):  # still destroyed five years after its real last processing
        assert file.number in {e.file_number for e in retention_apply().listed}


def test_art_13_2_the_casusoverleg_closed_by_the_kernpartijen_leaves_the_archived_weegploeg_file_untouched():
    """The whole way: the plan runs on after the weegploeg file was archived; the kernpartijen
    close it at a casusoverleg meeting (art. 9.4); the weegploeg file's term does not restart."""
    from casusoverleg.closure import closure_decide
    from casusoverleg.models import CasusoverlegFile, CasusStatus
    from casusoverleg.plan import plan_adopt, plan_draft_update, plan_measure_add
    from casusoverleg.review import progress_review_record
    from core import tasks as task_lifecycle
    from meetings.models import MeetingKind
    from tests.casusoverleg.fixtures import GENNEP, deelnemer, open_task
    from tests.factories import party
    from tests.meetings.fixtures import OM, POLITIE, meeting_with
    from tests.weegploeg.fixtures import weegploeglid

    with freeze_time(at()):
        file, casus = agendered()
    with freeze_time(at(months=11)):  # the casusoverleg works on: plan adopted, closure advised
        by = deelnemer(GENNEP)
        plan_draft_update(casus, by=by, aim="Doel")
        plan_measure_add(
            casus, by=by, description="Huisbezoek", goal="c", responsible_party=party(GENNEP), due_on=at().date()
        )
        task_lifecycle.task_complete(
            open_task(casus, "adopt_plan"),
            by,
            lambda: plan_adopt(casus, by=by, adopted_on=at(months=11).date(), present_parties=[party(GENNEP)]),
        )
        items = [(m.pk, "gereed", "") for m in casus.plan_versions.get(adopted_at__isnull=False).measures.all()]
        task_lifecycle.task_complete(
            open_task(casus, "review"),
            by,
            lambda: progress_review_record(
                casus,
                by=by,
                held_on=at(months=11).date(),
                summary="Klaar",
                items=items,
                outcome="afsluiting_adviseren",
                closure_reason="Doelen bereikt",
            ),
        )
    with freeze_time(at(months=12, days=1)):
        report = retention_apply()
        assert file.number in {e.file_number for e in report.archived}
        assert casus.number not in {e.file_number for e in report.archived}
    archived = WeegploegFile.objects.get(pk=file.pk)
    with freeze_time(at(months=12, days=3)):
        lid = weegploeglid()
        meeting = meeting_with(casus, kind=MeetingKind.CASUSOVERLEG, present=(POLITIE, OM, GENNEP), users=[lid])
        closure_decide(
            CasusoverlegFile.objects.get(pk=casus.pk),
            by=lid,
            outcome="afsluiten",
            decided_on=at(months=12, days=3).date(),
            motivation="Doelen bereikt",
            meeting=meeting,
        )
    closed = CasusoverlegFile.objects.get(pk=casus.pk)
    assert closed.status == CasusStatus.AFGESLOTEN
    assert closed.closed_on == at(months=12, days=3).date()
    after = WeegploegFile.objects.get(pk=file.pk)
    assert after.last_processed_at == archived.last_processed_at
    assert after.archived_at == archived.archived_at
    assert after.plan_closed_on is None


def test_art_13_2_closing_the_casusoverleg_still_records_the_closure_in_an_active_weegploeg_file():
    from weegploeg.services import weegploeg_plan_closed_record

    with freeze_time(at()):
        file, _casus = agendered()
    with freeze_time(at(months=3)):
        assert weegploeg_plan_closed_record(file.number, closed_on=at(months=3).date(), note="Klaar") is not None
    after = WeegploegFile.objects.get(pk=file.pk)
    assert after.plan_closed_on == at(months=3).date()
    assert after.last_processed_at == at(months=3)


def _held_past_six_months_then_reactivated():
    """A niet-agenderen file kept past six months by a complaint, archived, the complaint ended,
    then handed back to the weegploeg on the controller's order (art. 13.4)."""
    with freeze_time(at()):
        file = niet_agenderen()
        boss = uitvoerder()
        hold = hold_place(by=boss, number=file.number, kind=HoldKind.KLACHT, reason="Klacht loopt.")
    with freeze_time(at(months=12, days=1)):
        report = retention_apply()
        assert file.number in {e.file_number for e in report.archived}
        assert file.number in {e.file_number for e in report.held}
    with freeze_time(at(months=14)):
        hold_release(hold, by=boss)
        file_reactivate(
            by=boss,
            number=file.number,
            order_reference="VV-2027-9",
            ordered_on=at(months=14).date(),
            note="Heroverweging.",
        )
    return file


def test_art_13_4_after_a_reactivation_the_six_month_rule_counts_from_the_new_decision():
    file = _held_past_six_months_then_reactivated()
    # the old decision is fourteen months old: without the new decision the file would go at once
    with freeze_time(at(months=14, days=1)):
        report = retention_apply()
        assert report.destroyed == []
    with freeze_time(at(months=19, days=27)):
        assert retention_apply().destroyed == []
        assert WeegploegFile.objects.filter(number=file.number).exists()
    with freeze_time(at(months=20, days=1)):
        report = retention_apply()
    assert [e.file_number for e in report.destroyed] == [file.number]
    assert "(15-03-2027, termijn verstreken op 15-09-2027)" in report.destroyed[0].note
    from retention.models import DestructionRecord

    record = DestructionRecord.objects.get(file_number=file.number)
    assert record.counted_from == at(months=14).date()
    assert record.article == "art. 13.3"


def test_art_13_4_the_overview_counts_the_reactivated_file_from_the_new_decision():
    from retention.models import Category
    from retention.selectors import retention_overview

    _held_past_six_months_then_reactivated()

    def due() -> int:
        rows = retention_overview().categories
        return next(r.destroy_due for r in rows if r.category == Category.WEEGPLOEG_NIET_AGENDEREN)

    with freeze_time(at(months=14, days=1)):
        assert due() == 0
    with freeze_time(at(months=19, days=5)):  # due within the overview's 30 days
        assert due() == 1


def _rights_register(number: str, kind: str):
    from rights.models import RequesterKind
    from rights.services.registration import rights_request_register

    return rights_request_register(
        by=uitvoerder(),
        weegploeg_number=number,
        kind=kind,
        received_on=timezone.localdate(),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address="Postbus 1, Gennep",
        corrections=[("address", "Molenstraat 2", "Verhuisd")] if kind != "inzage" else [],
    )


def test_art_13_2_rights_find_an_archived_file_for_the_inzage_overview_only_read_only():
    from rights.models import RightsRequest
    from rights.selectors.overview import subject_file_numbers

    with freeze_time(at()):
        file, casus = agendered()
    with freeze_time(at(months=12, days=1)):
        retention_apply()
        before = WeegploegFile.objects.get(pk=file.pk)
        for kind in ("correctie", "beide"):
            with pytest.raises(ValidationError) as refused:
                _rights_register(file.number, kind)
            assert refused.value.messages == [ARCHIVED_READ_ONLY]
            assert refused.value.code == "dossier_gearchiveerd"
        assert not RightsRequest.objects.exists()  # a refusal changes nothing
        request = _rights_register(file.number, "inzage")
        assert subject_file_numbers(request) == ([file.number], [casus.number])  # the overview covers it
    after = WeegploegFile.objects.get(pk=file.pk)
    assert after.last_processed_at == before.last_processed_at
    assert after.archived_at == before.archived_at


def test_art_13_2_a_correction_is_not_carried_into_a_file_archived_since_the_request():
    from rights.models import RequestStatus
    from rights.services.correction import correction_execute

    with freeze_time(at()):
        file, _casus = agendered()
        request = _rights_register(file.number, "correctie")
    with freeze_time(at(months=12, days=1)):
        retention_apply()
        archived = WeegploegFile.objects.get(pk=file.pk)
        assert archived.archived_at is not None
        type(request).objects.filter(pk=request.pk).update(
            status=RequestStatus.CORRECTIE_UITVOERING, correction_decided_on=at().date()
        )
        request.refresh_from_db()
        request.corrections.update(accepted=True)
        with pytest.raises(ValidationError) as refused:
            correction_execute(request, executed_on=at(months=12, days=1).date())
    assert refused.value.messages == [ARCHIVED_READ_ONLY]
    assert refused.value.code == "dossier_gearchiveerd"
    after = WeegploegFile.objects.get(pk=file.pk)
    assert after.subject.address == archived.subject.address
    assert after.last_processed_at == archived.last_processed_at


def test_art_13_1_a_listed_file_destroyed_meanwhile_is_not_listed_again_nor_reported_as_processed_again():
    """The interleaving of issue 17 item 7 on one connection: run B read the due files, run A then
    destroyed one under its approved list; B's listing re-reads under the lock and lists nothing."""
    with freeze_time(at()):
        file, casus = agendered()
        boss = uitvoerder()
    with freeze_time(at(months=60, days=1)):
        retention_apply()
        destruction_list_approve(DestructionList.objects.get(status=ListStatus.CONCEPT), by=boss)
    moment = at(months=60, days=7)
    rule = next(r for r in RULES if r.code == "weegploeg_vernietigen")
    stale_chunk = list(due_chunks(rule_due(rule, moment), rule, 10))  # B's first read
    assert [r["number"] for rows in stale_chunk for r in rows] == [file.number]
    with freeze_time(moment):
        report_a = retention_apply(now=moment)  # A destroys both files
    assert {e.file_number for e in report_a.destroyed} == {file.number, casus.number}
    assert listable(rule, moment, [r["pk"] for rows in stale_chunk for r in rows]) == []
    with freeze_time(moment):
        report_b = retention_apply(now=moment)
    assert report_b.listed == []
    assert report_b.skipped == []
    assert report_b.destroyed == []
    assert not DestructionListItem.objects.filter(status=ItemStatus.OPEN).exists()
    assert not DestructionList.objects.filter(status=ListStatus.CONCEPT).exists()


def test_art_13_1_an_item_whose_file_is_gone_is_reported_as_destroyed_already_not_as_processed_again():
    """A list item left over for a file destroyed before (the damage of the old race): executing it
    says what happened, not 'opnieuw verwerkt'."""
    with freeze_time(at()):
        file = niet_agenderen()
        boss = uitvoerder()
    with freeze_time(at(months=6, days=1)):
        retention_apply()  # art. 13.3: destroyed
    dlist = DestructionList.objects.create()
    DestructionListItem.objects.create(
        destruction_list=dlist,
        kind="weegploeg",
        file_number=file.number,
        category="weegploeg",
        rule="weegploeg_vernietigen",
        due_on=at(months=6).date(),
    )
    with freeze_time(at(months=6, days=2)):
        destruction_list_approve(dlist, by=boss)
    with freeze_time(at(months=6, days=9)):
        report = retention_apply()
    assert [e.file_number for e in report.skipped] == [file.number]
    assert report.skipped[0].note == "Al vernietigd op 16-07-2026 (verklaring van vernietiging)."
    assert "opnieuw verwerkt" not in " ".join(report.lines()).lower()
