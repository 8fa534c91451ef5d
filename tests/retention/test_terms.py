"""The terms of art. 13 with a frozen clock: archive, destroy, the 6-month rule, holds, reactivation."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from viewflow.workflow.models import Task

from casusoverleg.models import CasusoverlegFile
from core.tasks import OPEN_STATUSES
from retention.destruction import ERASED
from retention.models import (
    DestructionList,
    DestructionListItem,
    DestructionRecord,
    HoldKind,
    ItemStatus,
    ListStatus,
    RetentionHold,
)
from retention.rules import RULES, Action, Category
from retention.services.holds import hold_place, hold_release
from retention.services.lists import destruction_list_approve, destruction_list_cancel
from retention.services.reactivation import file_reactivate
from retention.services.run import retention_apply
from tests.casusoverleg.fixtures import uitvoerder
from tests.clock import freeze_time
from tests.factories import UserFactory, party
from tests.retention.fixtures import agendered, at, niet_agenderen
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db


def test_art_13_rules_table_names_every_article_and_term():
    table = {(r.category, r.action): (r.article, r.months, r.needs_approval) for r in RULES}
    assert table[(Category.WEEGPLOEG_NIET_AGENDEREN, Action.DESTROY)] == ("art. 13.3", 6, False)
    assert table[(Category.WEEGPLOEG, Action.ARCHIVE)] == ("art. 13.2", 12, False)
    assert table[(Category.WEEGPLOEG, Action.DESTROY)] == ("art. 13.1", 60, True)
    assert table[(Category.CASUSOVERLEG, Action.ARCHIVE)] == ("art. 13.2", 12, False)
    assert table[(Category.CASUSOVERLEG, Action.DESTROY)] == ("art. 13.1", 60, True)


def _approve_open_list(by) -> DestructionList:
    dlist = DestructionList.objects.get(status=ListStatus.CONCEPT)
    return destruction_list_approve(dlist, by=by)


def test_art_13_1_2_file_goes_active_archived_destroyed():
    with freeze_time(at()):
        file, casus = agendered()
        boss = uitvoerder()
    # Reading does not extend the term; eleven months on, nothing happens.
    with freeze_time(at(months=11)):
        report = retention_apply()
        assert report.archived == []
        assert report.destroyed == []
        assert WeegploegFile.objects.get(pk=file.pk).archived_at is None
    with freeze_time(at(months=12, days=1)):
        report = retention_apply()
        assert {e.file_number for e in report.archived} == {file.number, casus.number}
        assert WeegploegFile.objects.get(pk=file.pk).archived_at is not None
        assert CasusoverlegFile.objects.get(pk=casus.pk).archived_at is not None
        # out of the work lists: no open task is left for either file
        assert not Task.objects.filter(
            process_id__in=[file.process_id, casus.process_id], status__in=OPEN_STATUSES
        ).exists()
        assert retention_apply().archived == []  # idempotent
    with freeze_time(at(months=59)):
        assert retention_apply().listed == []
    with freeze_time(at(months=60, days=1)):
        report = retention_apply()
        assert {e.file_number for e in report.listed} == {file.number, casus.number}
        assert report.destroyed == []  # 5-year destruction waits for the uitvoerder's approval
        assert retention_apply().listed == []  # not listed twice
        dlist = _approve_open_list(boss)
        assert dlist.cooling_off_until == at(months=60, days=6)
    with freeze_time(at(months=60, days=3)):  # cooling-off: nothing destroyed yet
        assert retention_apply().destroyed == []
        assert WeegploegFile.objects.filter(pk=file.pk).exists()
    with freeze_time(
        at(
            months=60,
            days=6,
        )
    ):
        report = retention_apply()
        assert {e.file_number for e in report.destroyed} == {file.number, casus.number}
    assert not WeegploegFile.objects.filter(number=file.number).exists()
    assert not CasusoverlegFile.objects.filter(number=casus.number).exists()
    record = DestructionRecord.objects.get(file_number=file.number)
    assert record.rule == "weegploeg_vernietigen"
    assert record.article == "art. 13.1"
    assert record.approved_by == boss
    assert record.destruction_list == dlist
    assert record.counted_from == at().date()
    assert DestructionList.objects.get(pk=dlist.pk).status == ListStatus.UITGEVOERD
    with freeze_time(at(months=61)):
        assert retention_apply().destroyed == []  # nothing destroyed twice


def test_art_13_3_niet_agenderen_destroyed_automatically_at_six_months():
    with freeze_time(at()):
        file = niet_agenderen()
    with freeze_time(at(months=5, days=27)):
        assert retention_apply().destroyed == []
    with freeze_time(at(months=6, days=1)):
        report = retention_apply()
    assert [e.file_number for e in report.destroyed] == [file.number]
    assert not WeegploegFile.objects.filter(number=file.number).exists()
    record = DestructionRecord.objects.get(file_number=file.number)
    assert record.category == Category.WEEGPLOEG_NIET_AGENDEREN
    assert record.article == "art. 13.3"
    assert record.approved_by is None
    assert not DestructionListItem.objects.exists()  # no approval list for the 6-month rule


def test_art_13_1_recorded_hold_blocks_destruction_until_it_ends():
    with freeze_time(at()):
        file = niet_agenderen()
        boss = uitvoerder()
        hold = hold_place(by=boss, number=file.number, kind=HoldKind.KLACHT, reason="Klacht K-12 loopt.")
    with freeze_time(at(months=7)):
        report = retention_apply()
        assert report.destroyed == []
        assert [e.file_number for e in report.held] == [file.number]
        assert "Klacht K-12 loopt." in report.held[0].note
        assert WeegploegFile.objects.filter(number=file.number).exists()
        hold_release(hold, by=boss)
        with pytest.raises(ValidationError):
            hold_release(hold, by=boss)
        report = retention_apply()
    assert [e.file_number for e in report.destroyed] == [file.number]


def test_art_13_1_open_rights_request_blocks_destruction_until_it_is_finished():
    from rights.models import RequesterKind, RequestKind, RequestStatus, RightsRequest

    with freeze_time(at()):
        file = niet_agenderen()
        request = RightsRequest.objects.create(
            number="R-2026-0001",
            kind=RequestKind.INZAGE,
            received_on=at().date(),
            weegploeg_number=file.number,
            requester_kind=RequesterKind.BETROKKENE,
            reply_address="Postbus 1, Gennep",
            registered_by=uitvoerder(),
        )
    with freeze_time(at(months=7)):
        report = retention_apply()
        assert report.destroyed == []
        assert report.held[0].file_number == file.number
        assert "R-2026-0001" in report.held[0].note
        RightsRequest.objects.filter(pk=request.pk).update(status=RequestStatus.AFGEROND)
        report = retention_apply()
    assert [e.file_number for e in report.destroyed] == [file.number]
    assert not RightsRequest.objects.filter(pk=request.pk).exists()  # its personal data go with the file


def test_art_13_1_hold_on_a_listed_file_keeps_it_until_the_hold_ends():
    with freeze_time(at()):
        file, casus = agendered()
        boss = uitvoerder()
    with freeze_time(at(months=60, days=1)):
        retention_apply()
        _approve_open_list(boss)
        hold = hold_place(by=boss, number=casus.number, kind=HoldKind.ANDERS, reason="Onderzoek loopt.")
    with freeze_time(at(months=60, days=7)):
        report = retention_apply()
        assert {e.file_number for e in report.destroyed} == {file.number}
        assert [e.file_number for e in report.held] == [casus.number]
        assert CasusoverlegFile.objects.filter(number=casus.number).exists()
        hold_release(hold, by=boss)
    with freeze_time(at(months=60, days=8)):
        report = retention_apply()
    assert [e.file_number for e in report.destroyed] == [casus.number]
    assert RetentionHold.objects.get(pk=hold.pk).reason == ERASED


def test_art_13_4_reactivated_file_restarts_its_terms():
    with freeze_time(at()):
        file, casus = agendered()
        boss = uitvoerder()
    with freeze_time(at(months=13)):
        retention_apply()
        assert WeegploegFile.objects.get(pk=file.pk).archived_at is not None
    with freeze_time(at(months=14)):
        with pytest.raises(ValidationError):
            file_reactivate(by=boss, number=file.number, order_reference="", ordered_on=at().date(), note="x")
        file_reactivate(
            by=boss,
            number=file.number,
            order_reference="VV-2027-3",
            ordered_on=at(months=14).date(),
            note="Nieuwe signalen vragen heroverweging.",
        )
        reactivated = WeegploegFile.objects.get(pk=file.pk)
        assert reactivated.archived_at is None
        assert reactivated.last_processed_at == at(months=14)
        # renewed processing: the weegploeg has an open accuracy-review task again
        assert Task.objects.filter(
            process__artifact_object_id=file.pk, status__in=OPEN_STATUSES, flow_task_type="HUMAN"
        ).exists()
    with freeze_time(at(months=25)):
        assert file.number not in {e.file_number for e in retention_apply().archived}
    with freeze_time(at(months=26, days=1)):
        assert file.number in {e.file_number for e in retention_apply().archived}
    with freeze_time(at(months=60, days=1)):
        listed = {e.file_number for e in retention_apply().listed}
        assert casus.number in listed
        assert file.number not in listed
    with freeze_time(at(months=74, days=1)):
        assert file.number in {e.file_number for e in retention_apply().listed}


def test_art_13_1_cancelled_list_destroys_nothing_and_cooling_off_ends_cancelling():
    with freeze_time(at()):
        file = agendered()[0]
        boss = uitvoerder()
    with freeze_time(at(months=60, days=1)):
        retention_apply()
        dlist = _approve_open_list(boss)
    with freeze_time(at(months=60, days=2)):
        destruction_list_cancel(dlist, by=boss)
        assert set(dlist.items.values_list("status", flat=True)) == {ItemStatus.VERVALLEN}
    with freeze_time(at(months=60, days=10)):
        report = retention_apply()
        assert report.destroyed == []
        assert WeegploegFile.objects.filter(number=file.number).exists()
        assert {e.file_number for e in report.listed} >= {file.number}  # on a new concept list
        second = _approve_open_list(boss)
    with freeze_time(at(months=60, days=16)), pytest.raises(ValidationError, match="bedenktijd is verstreken"):
        destruction_list_cancel(second, by=boss)


def test_art_13_1_only_the_uitvoerder_approves_places_holds_and_reactivates():
    from django.core.exceptions import PermissionDenied

    from accounts.roles import Role

    with freeze_time(at()):
        file = niet_agenderen()
    lid = UserFactory(roles=[Role.WEEGPLOEGLID], party=party("De politie"))
    dlist = DestructionList.objects.create()
    for call in (
        lambda: destruction_list_approve(dlist, by=lid),
        lambda: destruction_list_cancel(dlist, by=lid),
        lambda: hold_place(by=lid, number=file.number, kind=HoldKind.KLACHT, reason="x"),
        lambda: file_reactivate(
            by=lid, number=file.number, order_reference="a", ordered_on=datetime.date(2026, 1, 1), note="b"
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_art_13_dry_run_changes_nothing():
    from django.apps import apps

    with freeze_time(at()):
        niet_agenderen()
        agendered()

    def snapshot():
        return {m._meta.label: m.objects.count() for m in apps.get_models()} | {
            "archived": WeegploegFile.objects.filter(archived_at__isnull=False).count()
        }

    for moment in (at(months=7), at(months=13), at(months=61)):
        with freeze_time(moment):
            before = snapshot()
            report = retention_apply(dry_run=True)
            assert report.archived or report.destroyed or report.listed
            assert snapshot() == before
    with freeze_time(at(months=7)):
        assert len(retention_apply(dry_run=True).destroyed) == 1


def test_art_13_1_incident_hold_ends_when_the_incident_is_closed():
    from flows.incidents import IncidentFlow
    from incidents.models import IncidentProcess
    from incidents.services import incident_close

    with freeze_time(at()):
        file = niet_agenderen()
        boss = uitvoerder()
        incident = IncidentProcess.objects.create(
            reference="I-2026-0001",
            title="Verkeerd verzonden",
            description="d",
            discovered_at=at(),
            flow_class=IncidentFlow,
        )
        with pytest.raises(ValidationError, match="Kies het incident"):
            hold_place(by=boss, number=file.number, kind=HoldKind.INCIDENT, reason="Datalek")
        hold_place(by=boss, number=file.number, kind=HoldKind.INCIDENT, reason="Datalek", incident=incident)
    with freeze_time(at(months=7)):
        report = retention_apply()
        assert report.destroyed == []
        assert "I-2026-0001" in report.held[0].note
        incident_close(incident)
        report = retention_apply()
    assert [e.file_number for e in report.destroyed] == [file.number]


def test_art_13_2_reading_a_file_does_not_extend_its_term():
    from tests.helpers import verified_client
    from tests.weegploeg.fixtures import weegploeglid

    with freeze_time(at()):
        file = niet_agenderen()
        agendered_file = agendered()[0]
    with freeze_time(at(months=6)):
        client = verified_client(weegploeglid())
        assert client.get(f"/werk/weegploeg/dossier/{agendered_file.number}/").status_code == 200
        assert client.get(f"/werk/weegploeg/dossier/{file.number}/").status_code == 200
    assert WeegploegFile.objects.get(pk=agendered_file.pk).last_processed_at == agendered_file.last_processed_at
    with freeze_time(at(months=12, days=1)):
        assert agendered_file.number in {e.file_number for e in retention_apply().archived}
