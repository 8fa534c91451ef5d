"""Issue 12 on the retention screens (art. 13.1, 13.2, 13.4, 14, 15.2e): every screen through the
one access entry point — the rule first, then the secrecy duty, then the log rows."""

from __future__ import annotations

import io
import logging
import re

import pytest
from django.core.management import call_command

from accesslog.models import AccessLogEntry
from retention.models import ArchiveConsultation, DestructionList, HoldKind, ListStatus
from retention.services.holds import hold_place
from retention.services.run import retention_apply
from secrecy.models import SecrecyAcceptance
from tests.casusoverleg.fixtures import deelnemer, uitvoerder
from tests.clock import freeze_time
from tests.helpers import verified_client
from tests.retention.fixtures import DISTINCT_SUBJECT, NEEDLES, agendered, at, niet_agenderen
from tests.weegploeg.fixtures import weegploeglid

pytestmark = pytest.mark.django_db

INDEX = "/werk/bewaartermijnen/"
REASON = "Nieuw signaal over dezelfde persoon"


def _archived_file():
    with freeze_time(at()):
        file, casus = agendered(**DISTINCT_SUBJECT)
    with freeze_time(at(months=13)):
        call_command("apply_retention", stdout=io.StringIO())
    file.refresh_from_db()
    assert file.archived_at is not None
    return file, casus


def _page(response) -> str:
    """The page without the (per-render masked) CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def _row_text(row: AccessLogEntry) -> str:
    return " ".join(str(v) for v in row.__dict__.values()).lower()


def test_art_13_2_14_uitvoerder_posting_archive_consult_without_secrecy_redirects_and_sees_no_surname_or_bsn():
    file, _ = _archived_file()
    boss = uitvoerder()
    SecrecyAcceptance.objects.filter(user=boss).delete()
    response = verified_client(boss).post(f"{INDEX}archief/", {"file_number": file.number, "reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == "/werk/geheimhouding/?next=%2Fwerk%2Fbewaartermijnen%2Farchief%2F"
    html = response.content.decode()
    assert DISTINCT_SUBJECT["surname"] not in html
    assert DISTINCT_SUBJECT["bsn"] not in html
    assert not ArchiveConsultation.objects.exists()
    assert not AccessLogEntry.objects.filter(user_id=boss.pk, allowed=True).exists()


def test_art_13_2_15_2e_archive_consult_writes_one_row_naming_the_file_shown_never_what_was_typed(caplog):
    _file, casus = _archived_file()
    member = deelnemer()
    client = verified_client(member)
    before = AccessLogEntry.objects.count()
    caplog.set_level(logging.DEBUG)
    response = client.post(f"{INDEX}archief/", {"file_number": casus.number.lower(), "reason": REASON})
    assert response.status_code == 200
    assert DISTINCT_SUBJECT["surname"] in response.content.decode()
    rows = list(AccessLogEntry.objects.order_by("id"))[before:]
    assert len(rows) == 1
    (row,) = rows
    assert (row.allowed, row.action, row.object_type, row.object_ref) == (True, "read", "casusoverleg_file", "archief")
    assert row.shown_refs == [casus.number]
    text = _row_text(row)
    for needle in [*NEEDLES, REASON.lower(), casus.number.lower() + " "]:
        assert needle.lower() not in text, needle
    # The search terms came by POST: nothing of them in a URL, nor in the server's log lines.
    assert "?" not in response.request["PATH_INFO"]
    assert not response.request.get("QUERY_STRING")
    logged = " ".join(record.getMessage() for record in caplog.records).lower()
    for needle in [*NEEDLES, REASON]:
        assert needle.lower() not in logged, needle


def test_art_13_2_archive_is_for_kernpartijen_casework_roles_and_superuser_status_opens_nothing():
    from tests.factories import UserFactory, party
    from tests.weegploeg.fixtures import accepted

    file, _ = _archived_file()
    boss = accepted(UserFactory(party=party("De gemeente Heerlen"), is_superuser=True, is_staff=True))
    before = AccessLogEntry.objects.filter(allowed=False).count()
    response = verified_client(boss).post(f"{INDEX}archief/", {"file_number": file.number, "reason": REASON})
    assert response.status_code == 403
    assert DISTINCT_SUBJECT["surname"] not in response.content.decode()
    assert AccessLogEntry.objects.filter(allowed=False).count() == before + 1
    assert verified_client(boss).get(INDEX).status_code == 403


def test_art_13_1_a_refused_user_and_an_unknown_list_get_the_same_403_and_one_denied_row():
    with freeze_time(at()):
        agendered()
    with freeze_time(at(months=60, days=1)):
        retention_apply()
        dlist = DestructionList.objects.get(status=ListStatus.CONCEPT)
        client = verified_client(weegploeglid())
        for path, missing in (
            (f"{INDEX}lijst/{{}}/", "999999"),
            (f"{INDEX}lijst/{{}}/annuleren/", "999999"),
        ):
            method = client.post if path.endswith("annuleren/") else client.get
            before = AccessLogEntry.objects.count()
            existing = method(path.format(dlist.pk))
            unknown = method(path.format(missing))
            assert existing.status_code == unknown.status_code == 403
            assert _page(existing) == _page(unknown)
            rows = list(AccessLogEntry.objects.order_by("id"))[before:]
            assert [(r.allowed, r.object_ref) for r in rows] == [(False, f"lijst-{dlist.pk}"), (False, missing)]
        assert DestructionList.objects.get(pk=dlist.pk).status == ListStatus.CONCEPT


def test_art_13_1_the_overview_writes_one_row_naming_the_files_it_shows():
    boss = uitvoerder()
    with freeze_time(at()):
        held = [niet_agenderen() for _ in range(2)]
        for file in held:
            hold_place(by=boss, number=file.number, kind=HoldKind.KLACHT, reason="Klacht bij de FG")
    before = AccessLogEntry.objects.count()
    with freeze_time(at(days=1)):
        assert verified_client(boss).get(INDEX).status_code == 200
    rows = list(AccessLogEntry.objects.order_by("id"))[before:]
    assert len(rows) == 1
    (row,) = rows
    assert (row.allowed, row.object_ref, row.object_type) == (True, "overzicht", "retention")
    assert {f.number for f in held} <= set(row.shown_refs)


def test_art_13_4_the_reactivation_screen_logs_the_change_of_the_file_in_one_complete_row():
    file, _ = _archived_file()
    boss = uitvoerder()
    data = {"file_number": file.number, "order_reference": "VV-1", "ordered_on": "2027-02-10", "note": "Heroverwegen"}
    with freeze_time(at(months=13, days=1)):
        before = AccessLogEntry.objects.count()
        response = verified_client(boss).post(f"{INDEX}heractiveren/", data)
    assert response.status_code == 302
    # Exactly the screen's own row (through the entry point, in the change's transaction).
    rows = list(AccessLogEntry.objects.order_by("id"))[before:]
    assert [(r.allowed, r.action, r.object_type, r.object_ref, r.purpose) for r in rows] == [
        (True, "update", "weegploeg_file", file.number, "Bewaartermijnen beheren (art. 13)")
    ]
    assert rows[0].client_address
    assert rows[0].roles
