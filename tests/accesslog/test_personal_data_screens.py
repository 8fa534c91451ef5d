"""Art. 15.2e, issues 4 and 12: every screen that shows personal data writes one access-log row per
object whose data it shows (a list: one row naming what it showed), with every field filled, and
no personal data in the row itself (NEN 7513: who saw which record). Letters, PDFs, the
information-duty screens and the archive consult are screens too.

One subject with known values in every field of both files; each screen is opened as a user who
may see it, and the new log rows are checked.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accesslog.models import AccessLogEntry
from rights.models import RequesterKind, RequestKind
from rights.services.information_duty import information_duty_check
from rights.services.registration import identity_record, rights_request_register
from tests.casusoverleg.fixtures import GENNEP, deelnemer
from tests.helpers import verified_client
from tests.rights.fixtures import SUBJECT_A, build_case, uitvoerder
from tests.weegploeg.fixtures import published_referentiekader, weegploeglid  # noqa: F401 - fixture
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db

TEXT_FIELDS = ("roles", "action", "object_type", "object_ref", "purpose", "client_address")


def _personal_values() -> list[str]:
    born: datetime.date = SUBJECT_A["date_of_birth"]
    # The woongemeente is also a party's name, and the prefix ("van") is an ordinary word.
    skip = {"municipality", "surname_prefix"}
    values = [v for k, v in SUBJECT_A.items() if isinstance(v, str) and v and k not in skip]
    values += [born.isoformat(), born.strftime("%d-%m-%Y"), born.strftime("%d%m%Y")]
    values.append(" ".join(SUBJECT_A[k] for k in ("given_names", "surname_prefix", "surname")))
    return values


def _screens(case, rights_number: str) -> list[tuple[str, str]]:
    """(who, path) for the GET screens that need no more than ``build_case`` and a registered
    request (tests/config reuses these with personal data in the query string); the PDFs also
    need an established identity or an informed subject."""
    return [
        (who, path)
        for who, method, path, _data, _rows in _screen_rows(case, rights_number)
        if method == "get" and not path.endswith(".pdf")
    ]


def _screen_rows(case, rights_number: str) -> list[tuple[str, str, str, dict, list | None]]:
    """(who, method, path, POST data, the rows expected) for the read screens of the subject's
    files, rights request, information duty and archive. Expected rows are
    (object_type, object_ref, shown_refs) — shown_refs a set: at least those — and ``None``: exactly
    one row (screens of other apps, checked in their own tests)."""
    file, casus, r = case.file.number, case.casus.number, rights_number
    return [
        ("uitvoerder", "get", f"/werk/rechten/verzoek/{r}/", {}, [("rights_request", r, [])]),
        ("weegploeglid", "get", f"/werk/weegploeg/dossier/{file}/", {}, None),
        ("deelnemer", "get", f"/werk/casussen/{casus}/", {}, None),
        ("deelnemer", "get", f"/werk/casussen/{casus}/plan/", {}, None),
        ("deelnemer", "get", f"/werk/casussen/{casus}/plan/pdf/", {}, None),
        ("deelnemer", "get", f"/werk/casussen/{casus}/verstrekkingen/", {}, None),
        ("uitvoerder", "get", f"/werk/weegploeg/dossier/{file}/", {}, None),
        ("uitvoerder", "get", f"/werk/casussen/{casus}/", {}, None),
        # Issue 12: the letters, PDFs and information-duty screens are screens too.
        (
            "uitvoerder",
            "get",
            f"/werk/rechten/verzoek/{r}/overzicht.pdf",
            {},
            [("rights_request", r, []), ("weegploeg_file", file, []), ("casusoverleg_file", casus, [])],
        ),
        ("uitvoerder", "get", "/werk/rechten/", {}, [("rights_request", "rechten-overzicht", [r])]),
        # The list also shows the other subject's deferred duty: at least this file is named.
        ("uitvoerder", "get", "/werk/rechten/informatieplicht/", {}, [("weegploeg_file", "informatieplicht", {file})]),
        ("uitvoerder", "get", f"/werk/rechten/informatieplicht/{file}/", {}, [("weegploeg_file", file, [])]),
        ("uitvoerder", "get", f"/werk/rechten/informatieplicht/{file}/brief.pdf", {}, [("weegploeg_file", file, [])]),
    ]


def _rights_request(case, by):
    return rights_request_register(
        by=by,
        weegploeg_number=case.file.number,
        kind=RequestKind.INZAGE,
        received_on=timezone.localdate() - datetime.timedelta(days=2),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address="Kapelstraat 17, 6591 BK Ottersum",
    )


def _assert_complete_without_personal_data(row, personal, where) -> None:
    for value in (row.user_id, row.party_id, row.created_at, row.row_hash, row.prev_hash):
        assert value, where
    for field in TEXT_FIELDS:
        value = getattr(row, field)
        assert value, (*where, field)
        for datum in personal:
            assert datum.lower() not in value.lower(), (*where, field)
    for ref in row.shown_refs:
        for datum in personal:
            assert datum.lower() not in ref.lower(), (*where, "shown_refs")


def test_art_15_2e_each_personal_data_screen_logs_one_complete_row_per_object_shown_without_personal_data(
    published_referentiekader,  # noqa: F811
):
    case = build_case()
    boss = uitvoerder()
    rights_request = _rights_request(case, boss)
    identity_record(rights_request, established_on=timezone.localdate(), method="balie")
    # Art. 11.5: no ground remains, so the letter to the subject can be made.
    information_duty_check(
        case.file.information_duty, by=boss, checked_on=timezone.localdate(), ground_remains=False, note="Klaar"
    )
    clients = {
        "weegploeglid": verified_client(weegploeglid()),
        "deelnemer": verified_client(deelnemer(GENNEP)),
        "uitvoerder": verified_client(uitvoerder()),
    }
    personal = _personal_values()
    for who, method, path, data, expected in _screen_rows(case, rights_request.number):
        before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = getattr(clients[who], method)(path, data)
        assert response.status_code == 200, (who, path, response.status_code)
        rows = list(AccessLogEntry.objects.filter(pk__gt=before).order_by("pk"))
        if expected is None:
            assert len(rows) == 1, (who, path, [(r.action, r.object_type) for r in rows])
        else:
            got = [(r.object_type, r.object_ref, r.shown_refs) for r in rows]
            assert [(t, ref) for t, ref, _ in got] == [(t, ref) for t, ref, _ in expected], (who, path)
            for (_, _, shown), (_, _, wanted) in zip(got, expected, strict=True):
                assert set(shown) >= wanted if isinstance(wanted, set) else shown == wanted, (who, path)
        for row in rows:
            assert row.allowed is True
            _assert_complete_without_personal_data(row, personal, (who, path))


def test_art_13_2_15_2e_the_archive_consult_logs_one_row_naming_the_file_never_the_reason():
    case = build_case()
    WeegploegFile.objects.filter(pk=case.file.pk).update(archived_at=timezone.now())
    reason = "Nieuw signaal van de wijkagent over dezelfde persoon"
    client = verified_client(weegploeglid())
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.post("/werk/bewaartermijnen/archief/", {"file_number": case.file.number, "reason": reason})
    assert response.status_code == 200
    assert SUBJECT_A["surname"] in response.content.decode()
    (row,) = AccessLogEntry.objects.filter(pk__gt=before)
    assert (row.allowed, row.object_type, row.object_ref, row.shown_refs) == (
        True,
        "weegploeg_file",
        "archief",
        [case.file.number],
    )
    _assert_complete_without_personal_data(row, [*_personal_values(), reason], ("archief",))


def test_art_15_2e_a_refused_personal_data_screen_logs_one_denied_row(published_referentiekader):  # noqa: F811
    case = build_case()
    outsider = verified_client(deelnemer("De gemeente Venlo"))
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = outsider.get(f"/werk/casussen/{case.casus.number}/")
    assert response.status_code == 403
    rows = list(AccessLogEntry.objects.filter(pk__gt=before))
    assert len(rows) == 1
    assert rows[0].allowed is False
    assert rows[0].object_ref
    assert rows[0].purpose
    assert rows[0].client_address
