"""Art. 15.2e, issue 4: every screen that shows personal data writes exactly one access-log row,
with every field filled, and no personal data in the row itself (NEN 7513: who saw which record).

One subject with known values in every field of both files; each screen is opened as a user who
may see it, and the new log rows are checked.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accesslog.models import AccessLogEntry
from rights import services
from rights.models import RequesterKind, RequestKind
from tests.casusoverleg.fixtures import GENNEP, deelnemer
from tests.helpers import verified_client
from tests.rights.fixtures import SUBJECT_A, build_case, uitvoerder
from tests.weegploeg.fixtures import published_referentiekader, weegploeglid  # noqa: F401 - fixture

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
    """(who, path) for every read screen of the subject's files and rights request."""
    file, casus = case.file.number, case.casus.number
    return [
        ("uitvoerder", f"/werk/rechten/verzoek/{rights_number}/"),
        ("weegploeglid", f"/werk/weegploeg/dossier/{file}/"),
        ("deelnemer", f"/werk/casussen/{casus}/"),
        ("deelnemer", f"/werk/casussen/{casus}/plan/"),
        ("deelnemer", f"/werk/casussen/{casus}/plan/pdf/"),
        ("deelnemer", f"/werk/casussen/{casus}/verstrekkingen/"),
        ("uitvoerder", f"/werk/weegploeg/dossier/{file}/"),
        ("uitvoerder", f"/werk/casussen/{casus}/"),
    ]


def _rights_request(case, by):
    return services.rights_request_register(
        by=by,
        weegploeg_number=case.file.number,
        kind=RequestKind.INZAGE,
        received_on=timezone.localdate() - datetime.timedelta(days=2),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address="Kapelstraat 17, 6591 BK Ottersum",
    )


def test_art_15_2e_each_personal_data_screen_logs_exactly_one_complete_row_without_personal_data(
    published_referentiekader,  # noqa: F811
):
    case = build_case()
    rights_request = _rights_request(case, uitvoerder())
    clients = {
        "weegploeglid": verified_client(weegploeglid()),
        "deelnemer": verified_client(deelnemer(GENNEP)),
        "uitvoerder": verified_client(uitvoerder()),
    }
    personal = _personal_values()
    for who, path in _screens(case, rights_request.number):
        before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = clients[who].get(path)
        assert response.status_code == 200, (who, path, response.status_code)
        rows = list(AccessLogEntry.objects.filter(pk__gt=before))
        assert len(rows) == 1, (who, path, [(r.action, r.object_type) for r in rows])
        row = rows[0]
        assert row.allowed is True
        assert row.user_id and row.party_id and row.created_at and row.row_hash and row.prev_hash, (who, path)
        for field in TEXT_FIELDS:
            value = getattr(row, field)
            assert value, (who, path, field)
            for datum in personal:
                assert datum.lower() not in value.lower(), (who, path, field)


def test_art_15_2e_a_refused_personal_data_screen_logs_one_denied_row(published_referentiekader):  # noqa: F811
    case = build_case()
    outsider = verified_client(deelnemer("De gemeente Venlo"))
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = outsider.get(f"/werk/casussen/{case.casus.number}/")
    assert response.status_code == 403
    rows = list(AccessLogEntry.objects.filter(pk__gt=before))
    assert len(rows) == 1 and rows[0].allowed is False
    assert rows[0].object_ref and rows[0].purpose and rows[0].client_address
