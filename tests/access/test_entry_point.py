"""Issue 12: the one access entry point on real screens — rule, secrecy, log rows, transactions.

Art. 8.4 (the weegploeg file for the weegploeg only), 13.2 (archived files out of reach), 14
(secrecy before any case data), 15.2e (every access and every refusal logged, without personal
data). Each test drives a real screen over HTTP as a user would.
"""

from __future__ import annotations

import re
import uuid
from unittest import mock

import pytest
from django.db import DatabaseError
from django.utils import timezone

from accesslog.models import AccessLogEntry
from accounts.roles import Role
from secrecy.models import SecrecyAcceptance
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import intake_post, melder, register, uitvoerder, weegploeglid
from weegploeg.models import Signal, WeegploegFile

pytestmark = pytest.mark.django_db

SUBJECT_WORDS = ("Vries", "Jan Pieter", "Markt 1")


def _rows(**filters):
    return list(AccessLogEntry.objects.filter(**filters).order_by("id"))


def _assert_complete_without_personal_data(row: AccessLogEntry) -> None:
    for field in ("user_id", "party_id", "roles", "action", "object_type", "object_ref", "purpose", "client_address"):
        assert getattr(row, field) not in (None, ""), field
    text = " ".join(str(v) for v in row.__dict__.values())
    assert not any(word in text for word in SUBJECT_WORDS)


def _page(response, number: str) -> str:
    """The 403 page without the number asked for and the (per-response) CSRF token."""
    html = response.content.decode().replace(number, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_art_8_4_refused_and_missing_file_get_the_same_answer_and_one_denied_row_each():
    file = register(melder())
    outsider = UserFactory(roles=[Role.CASUSOVERLEG_DEELNEMER], party=party("De Reclassering Nederland"))
    client = verified_client(outsider)
    before = AccessLogEntry.objects.count()
    existing = client.get(f"/werk/weegploeg/dossier/{file.number}/")
    missing = client.get("/werk/weegploeg/dossier/W-1999-9999/")
    assert existing.status_code == missing.status_code == 403
    assert _page(existing, file.number) == _page(missing, "W-1999-9999")
    rows = _rows(id__gt=0)[before:]
    assert [(r.allowed, r.object_ref) for r in rows] == [(False, file.number), (False, "W-1999-9999")]
    for row in rows:
        _assert_complete_without_personal_data(row)


def test_art_8_4_superuser_status_opens_no_work_screen():
    file = register(melder())
    boss = UserFactory(party=party("De politie"), is_superuser=True, is_staff=True)
    assert verified_client(boss).get(f"/werk/weegploeg/dossier/{file.number}/").status_code == 403
    assert verified_client(boss).get("/werk/weegploeg/").status_code == 403


def test_art_13_2_an_archived_file_is_refused_like_a_missing_one():
    file = register(melder())
    WeegploegFile.objects.filter(pk=file.pk).update(archived_at=timezone.now())
    response = verified_client(weegploeglid()).get(f"/werk/weegploeg/dossier/{file.number}/")
    assert response.status_code == 403
    assert _rows(object_ref=file.number, allowed=False)


def test_art_14_claim_by_post_without_secrecy_acceptance_changes_nothing():
    file = register(melder())
    member = weegploeglid()
    SecrecyAcceptance.objects.filter(user=member).delete()
    task = file.process.task_set.filter(flow_task_type="HUMAN").exclude(status="DONE").get()
    response = verified_client(member).post(f"/werk/weegploeg/taak/{task.pk}/oppakken/")
    assert response.status_code == 302
    assert response["Location"].startswith("/werk/geheimhouding/?next=")
    task.refresh_from_db()
    assert task.owner_id is None
    assert not _rows(user_id=member.pk, allowed=True)


def test_art_15_2e_an_allowed_screen_writes_one_complete_row_without_personal_data():
    file = register(melder())
    member = weegploeglid()
    response = verified_client(member).get(f"/werk/weegploeg/dossier/{file.number}/")
    assert response.status_code == 200
    assert b"Vries" in response.content
    (row,) = _rows(user_id=member.pk)
    assert (row.allowed, row.action, row.object_type, row.object_ref) == (True, "read", "weegploeg_file", file.number)
    _assert_complete_without_personal_data(row)


def test_art_15_2e_a_list_writes_one_row_naming_the_files_it_showed():
    files = [register(melder()) for _ in range(3)]
    member = weegploeglid()
    assert verified_client(member).get("/werk/weegploeg/").status_code == 200
    (row,) = _rows(user_id=member.pk)
    assert row.object_ref == "werkbak"
    assert set(row.shown_refs) >= {f.number for f in files}
    _assert_complete_without_personal_data(row)


def test_art_15_2e_a_write_without_its_log_row_never_exists():
    """The log write fails after the service ran: the signal, its file and subject are gone too."""
    author = melder()
    client = verified_client(author)
    client.raise_request_exception = True
    files_before, signals_before = WeegploegFile.objects.count(), Signal.objects.count()
    failing_log = mock.patch("access.screens.access_log_write", side_effect=DatabaseError("verbinding verbroken"))
    with failing_log, pytest.raises(DatabaseError):
        client.post("/werk/weegploeg/melden/", intake_post(submission_token=str(uuid.uuid4())))
    assert (WeegploegFile.objects.count(), Signal.objects.count()) == (files_before, signals_before)


def test_art_7_2_a_retried_intake_post_creates_one_file_and_shows_it():
    author = melder()
    client = verified_client(author)
    data = intake_post(submission_token=str(uuid.uuid4()))
    first = client.post("/werk/weegploeg/melden/", data, follow=True)
    second = client.post("/werk/weegploeg/melden/", data, follow=True)
    assert WeegploegFile.objects.count() == 1
    number = WeegploegFile.objects.get().number
    assert number in first.content.decode()
    assert number in second.content.decode()
    assert "al ontvangen" in second.content.decode()


def test_art_15_2b_renaming_every_role_label_changes_no_outcome(monkeypatch):
    file = register(melder())
    users = {"weegploeglid": weegploeglid(), "uitvoerder": uitvoerder(), "melder": melder()}
    paths = ["/werk/weegploeg/", f"/werk/weegploeg/dossier/{file.number}/", "/werk/weegploeg/melden/"]

    def outcomes():
        return {
            (name, path): verified_client(user).get(path).status_code for name, user in users.items() for path in paths
        }

    before = outcomes()
    for role in Role:
        monkeypatch.setattr(role, "_label_", f"Hernoemd {role.value}")
    assert Role.UITVOERDER.label == "Hernoemd uitvoerder"
    assert outcomes() == before
    assert before[("weegploeglid", f"/werk/weegploeg/dossier/{file.number}/")] == 200
    assert before[("melder", f"/werk/weegploeg/dossier/{file.number}/")] == 403


def test_art_15_2e_a_screen_showing_more_refs_than_a_row_holds_logs_every_ref_in_several_rows():
    """A row names at most 200 refs; the second-factor screen lists every user (450 here): three
    rows, every user named once, none refused (it answered with a server error before)."""
    from accesslog.models import MAX_SHOWN_REFS
    from accounts.models import User
    from tests.helpers import totp_device
    from tests.weegploeg.fixtures import accepted

    beheerder = accepted(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De gemeente Roermond")))
    totp_device(beheerder)
    politie = party("De politie")
    User.objects.bulk_create(User(username=f"agent{i:03d}", party=politie) for i in range(450))
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    assert verified_client(beheerder).get("/werk/gebruikers/tweede-factor/").status_code == 200

    rows = list(AccessLogEntry.objects.filter(pk__gt=before).order_by("pk"))
    assert [len(row.shown_refs) for row in rows] == [MAX_SHOWN_REFS, MAX_SHOWN_REFS, 450 - 2 * MAX_SHOWN_REFS]
    assert {(row.action, row.object_ref, row.allowed) for row in rows} == {("read", "tweede-factor", True)}
    named = [ref for row in rows for ref in row.shown_refs]
    assert len(named) == len(set(named)) == User.objects.exclude(pk=beheerder.pk).count()
