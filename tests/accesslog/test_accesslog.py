"""Access log (art. 15.2e): one row per access, tamper-evident, reviewed periodically."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models
from django.test import RequestFactory

from accesslog.models import AccessAction, AccessLogEntry, AccessLogReview, AccessLogSeal, AppendOnlyError
from accesslog.selectors import access_log_filter, access_log_flags
from accesslog.services import access_log_seal, access_log_verify, access_log_write, access_log_write_system
from accounts.roles import Role
from secrecy.services import secrecy_accept
from secrecy.texts import SECRECY_TEXT_VERSION
from tests.clock import freeze_time
from tests.factories import UserFactory, party
from tests.helpers import verified_client

pytestmark = pytest.mark.django_db

URL = "/werk/toegangslog/"


def uitvoerder():
    user = UserFactory(
        roles=[Role.UITVOERDER],
        party=party("De gemeente Heerlen"),
        first_name="Annemarie",
        last_name="Zonderland",
        email="annemarie@example.invalid",
    )
    secrecy_accept(user, text_version=SECRECY_TEXT_VERSION)  # the review screens need it (art. 14)
    return user


def personal_values(user) -> list[str]:
    return [user.first_name, user.last_name, user.email, user.get_full_name()]


def assert_complete_without_personal_data(entry: AccessLogEntry, user) -> None:
    for field in (
        "created_at",
        "user_id",
        "party_id",
        "roles",
        "action",
        "object_type",
        "object_ref",
        "purpose",
        "client_address",
        "prev_hash",
        "row_hash",
        "key_id",
        "nonce",
    ):
        assert getattr(entry, field) not in (None, ""), field
    assert entry.created_at.utcoffset() == datetime.timedelta(0)
    text = " ".join(str(getattr(entry, f.attname)) for f in AccessLogEntry._meta.fields)
    for value in personal_values(user):
        assert value not in text


def test_art_15_2e_service_writes_one_complete_row_from_the_request():
    user = uitvoerder()
    request = RequestFactory().get("/x", REMOTE_ADDR="10.1.2.3")
    request.user = user
    entry = access_log_write(
        request,
        action=AccessAction.READ,
        object_type="weegploegdossier",
        object_ref="W-2026-0001",
        purpose="Weegploeg: analyse",
    )
    assert AccessLogEntry.objects.count() == 1
    assert entry.user_id == user.pk
    assert entry.party_id == user.party_id
    assert entry.roles == "uitvoerder"
    assert entry.client_address == "10.1.2.3"
    assert entry.allowed is True
    assert_complete_without_personal_data(entry, user)


def test_art_15_2e_object_ref_must_be_pseudonymous():
    request = RequestFactory().get("/x")
    request.user = uitvoerder()
    for bad in ("Jan Jansen", "jan@example.invalid", ""):
        with pytest.raises(ValidationError):
            access_log_write(request, action="read", object_type="dossier", object_ref=bad, purpose="test")
    assert AccessLogEntry.objects.count() == 0


def test_art_15_2e_review_screen_logs_exactly_one_row_itself():
    user = uitvoerder()
    client = verified_client(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert AccessLogEntry.objects.count() == 1
    entry = AccessLogEntry.objects.get()
    assert entry.action == AccessAction.SEARCH
    assert entry.object_type == "toegangslog"
    assert entry.allowed
    assert_complete_without_personal_data(entry, user)


def test_art_15_2e_denied_attempt_is_logged_as_denied():
    melder = UserFactory(roles=[Role.MELDER], party=party("De politie"))
    response = verified_client(melder).get(URL)
    assert response.status_code == 403
    entry = AccessLogEntry.objects.get()
    assert entry.allowed is False
    assert entry.user_id == melder.pk
    assert_complete_without_personal_data(entry, melder)


def test_art_15_2e_rows_cannot_be_changed_or_deleted_through_the_model():
    access_log_write_system(
        user=None, action="export", object_type="dossier", object_ref="W-2026-0001", purpose="Archivering"
    )
    entry = AccessLogEntry.objects.get()
    entry.purpose = "anders"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="anders")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.get().purpose == "Archivering"


def _write(n: int) -> list[AccessLogEntry]:
    return [
        access_log_write_system(
            user=None, action="read", object_type="dossier", object_ref=f"W-2026-{i:04d}", purpose="Test"
        )
        for i in range(1, n + 1)
    ]


def test_art_15_2e_untouched_log_verifies(capsys):
    _write(5)
    call_command("verify_access_log")
    assert "OK: 5 rij(en)" in capsys.readouterr().out
    assert access_log_verify(chunk_size=2).ok  # chunk boundaries do not matter
    access_log_seal()  # sealed, the same rows verify through the chain and the checkpoint
    call_command("verify_access_log")
    assert "OK: 5 rij(en)" in capsys.readouterr().out
    report = access_log_verify(chunk_size=2)
    assert report.ok
    assert report.sealed == 5
    assert report.checkpoints == 1


def test_art_15_2e_orm_tampering_is_detected_and_named():
    rows = _write(4)
    access_log_seal()
    # Bypass the model's refusal the way a careless script would.
    models.QuerySet.update(AccessLogEntry.objects.filter(pk=rows[2].pk), object_ref="W-2026-9999")
    with pytest.raises(CommandError, match=f"rij {rows[2].pk}"):
        call_command("verify_access_log")


def test_art_15_2e_raw_sql_tampering_is_detected_and_named():
    rows = _write(4)
    table = AccessLogEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET allowed = %s WHERE id = %s", [False, rows[1].pk])  # noqa: S608
    report = access_log_verify()
    assert not report.ok
    assert report.broken_id == rows[1].pk


def test_art_15_2e_deleting_a_row_in_the_database_is_detected():
    rows = _write(4)
    access_log_seal()  # deletion is detectable once a row is sealed (README: the unsealed window)
    table = AccessLogEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [rows[1].pk])  # noqa: S608
    report = access_log_verify()
    assert not report.ok
    assert report.broken_id == rows[1].pk
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id >= %s", [rows[1].pk])  # noqa: S608
        cursor.execute(f"DELETE FROM {AccessLogSeal._meta.db_table} WHERE seal_no >= 2")  # noqa: S608
    report = access_log_verify()  # a removed tail (rows and seals) is noticed through the checkpoint
    assert not report.ok
    assert "controlepunt 4" in report.reason


def test_art_15_2e_verify_command_exits_non_zero(tmp_path):
    rows = _write(2)
    models.QuerySet.update(AccessLogEntry.objects.filter(pk=rows[0].pk), purpose="x")
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_access_log")
    assert excinfo.value.returncode == 1


def test_art_15_2e_flags_denied_off_hours_and_bursts(settings):
    settings.ACCESS_LOG_BURST_THRESHOLD = 3
    user = uitvoerder()
    with freeze_time("2026-03-04 10:00:00+01:00"):  # Wednesday, office hours
        for i in range(4):
            access_log_write_system(
                user=user, action="read", object_type="dossier", object_ref=f"W-2026-{i:04d}", purpose="Test"
            )
    with freeze_time("2026-03-04 22:30:00+01:00"):  # evening
        access_log_write_system(
            user=user, action="read", object_type="dossier", object_ref="W-2026-0100", purpose="Test", allowed=False
        )
    with freeze_time("2026-03-07 11:00:00+01:00"):  # Saturday
        access_log_write_system(
            user=user, action="read", object_type="dossier", object_ref="W-2026-0101", purpose="Test"
        )
    flags = access_log_flags(access_log_filter())
    assert flags.entries == 6
    assert flags.denied == 1
    assert flags.off_hours == 2
    assert len(flags.bursts) == 1
    assert flags.bursts[0].count == 4
    assert flags.bursts[0].user_id == user.pk


def test_art_15_2e_filters_by_user_object_action_and_period():
    user, other = uitvoerder(), uitvoerder()
    with freeze_time("2026-03-04 10:00:00+01:00"):
        access_log_write_system(
            user=user, action="read", object_type="dossier", object_ref="W-2026-0001", purpose="Test"
        )
    with freeze_time("2026-03-10 10:00:00+01:00"):
        access_log_write_system(
            user=other, action="export", object_type="dossier", object_ref="W-2026-0002", purpose="Test"
        )
    client = verified_client(uitvoerder())
    response = client.get(URL, {"user": other.pk, "action": "export", "start": "2026-03-09", "end": "2026-03-10"})
    assert response.status_code == 200
    page = list(response.context["page"].object_list)
    assert [e.object_ref for e in page] == ["W-2026-0002"]
    response = client.get(URL, {"object_ref": "W-2026-0001"})
    assert [e.object_ref for e in response.context["page"].object_list] == ["W-2026-0001"]


def test_art_15_2e_bad_filter_input_gives_dutch_errors_not_500():
    client = verified_client(uitvoerder())
    response = client.get(URL, {"start": "gisteren", "user": "abc", "pagina": "x"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_art_15_2e_periodic_review_is_signed_off_with_figures():
    user = uitvoerder()
    with freeze_time("2026-03-04 22:30:00+01:00"):
        access_log_write_system(
            user=user, action="read", object_type="dossier", object_ref="W-2026-0001", purpose="Test", allowed=False
        )
    client = verified_client(user)
    data = {"period_start": "2026-03-01", "period_end": "2026-03-31", "findings": "Eén geweigerde poging, verklaard."}
    response = client.post("/werk/toegangslog/controle/", data)  # no confirmation ticked
    assert response.status_code == 400
    assert AccessLogReview.objects.count() == 0
    response = client.post("/werk/toegangslog/controle/", {**data, "confirm": "on"})
    assert response.status_code == 302
    review = AccessLogReview.objects.get()
    assert review.reviewer == user
    assert review.entry_count == 1
    assert review.denied_count == 1
    assert review.off_hours_count == 1
    assert AccessLogEntry.objects.filter(object_type="toegangslog-controle", object_ref=f"TC-{review.pk}").count() == 1


def test_art_15_2e_review_screen_queries_stay_flat(django_assert_max_num_queries):
    user = uitvoerder()
    client = verified_client(user)
    _write(5)
    client.get(URL)  # warm up the session
    with django_assert_max_num_queries(30) as small:
        client.get(URL)
    _write(60)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(URL)
