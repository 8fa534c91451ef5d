"""Art. 12.1, 12.3, 12.5-6: deadlines from the dates (frozen clock), escalation, the representative rules."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from rights.models import RequesterKind, RequestKind, RightsRequest
from rights.services.correction import correction_decide
from rights.services.deadlines import rights_escalate_overdue
from rights.services.registration import identity_record, rights_request_register
from tests.clock import freeze_time
from tests.helpers import verified_client
from tests.rights.fixtures import subject_file, uitvoerder
from tests.weegploeg.fixtures import SUBJECT

pytestmark = pytest.mark.django_db


def _register(file, by, *, kind=RequestKind.INZAGE, received_on, requester=RequesterKind.BETROKKENE, **kwargs):
    return rights_request_register(
        by=by,
        weegploeg_number=file.number,
        kind=kind,
        received_on=received_on,
        requester_kind=requester,
        reply_address="Postbus 1, Gennep",
        **kwargs,
    )


@freeze_time("2026-03-02 10:00")
def test_art_12_3_four_weeks_run_from_the_identity_not_from_receipt():
    user = uitvoerder()
    request = _register(subject_file(), user, received_on=datetime.date(2026, 2, 2))
    assert request.inzage_due is None
    assert request.open_deadlines() == []
    page = verified_client(user).get(f"/werk/rechten/verzoek/{request.number}/").content.decode()
    assert "Wacht op vaststelling van de identiteit" in page
    identity_record(request, established_on=datetime.date(2026, 2, 23), method="balie")
    assert request.inzage_due == datetime.date(2026, 3, 23)  # not 2 March (receipt + 4 weeks)
    page = verified_client(user).get(f"/werk/rechten/verzoek/{request.number}/").content.decode()
    assert "23-03-2026" in page
    assert "Nog 21 dagen" in page


@freeze_time("2026-03-02 10:00")
def test_art_12_5_6_correction_decision_four_weeks_from_receipt_execution_four_weeks_from_decision():
    user = uitvoerder()
    request = _register(
        subject_file(),
        user,
        kind=RequestKind.CORRECTIE,
        received_on=datetime.date(2026, 2, 16),
        corrections=[("address", "Markt 2", "Verhuisd")],
    )
    assert request.correction_decision_due == datetime.date(2026, 3, 16)
    identity_record(request, established_on=datetime.date(2026, 2, 20), method="digid")
    correction_decide(
        request,
        decided_on=datetime.date(2026, 3, 2),
        accepted_ids=[request.corrections.get().pk],
        motivation="Klopt",
    )
    assert request.correction_execution_due == datetime.date(2026, 3, 30)
    assert request.next_deadline() == ("Correctie uitvoeren (art. 12.6)", datetime.date(2026, 3, 30))


def test_art_12_3_overdue_request_is_flagged_and_escalated_once_without_personal_data():
    user = uitvoerder()
    with freeze_time("2026-01-05 09:00"):
        file = subject_file()
        request = _register(file, user, received_on=datetime.date(2026, 1, 5))
        identity_record(request, established_on=datetime.date(2026, 1, 5), method="balie")
    with freeze_time("2026-02-01 09:00"):  # due 2 February: not yet
        assert rights_escalate_overdue() == []
    with freeze_time("2026-02-04 09:00"):
        mail.outbox.clear()
        call_command("rights_escalate")
        request.refresh_from_db()
        assert request.escalated_at is not None
        assert len(mail.outbox) == 1
        assert request.number in mail.outbox[0].body
        for value in (SUBJECT["surname"], SUBJECT["given_names"], SUBJECT["address"], "2001"):
            assert value not in mail.outbox[0].body + mail.outbox[0].subject
        assert rights_escalate_overdue() == []  # once
        page = verified_client(user).get(f"/werk/rechten/verzoek/{request.number}/").content.decode()
        assert "Termijn verstreken: 2 dagen te laat" in page
        assert "Geëscaleerd" in page
        dashboard = verified_client(user).get("/werk/rechten/termijnen/").content.decode()
        assert request.number in dashboard
        assert "Termijn verstreken" in dashboard


@freeze_time("2026-06-01")
@pytest.mark.parametrize(
    ("born", "requester", "curatele", "allowed"),
    [
        (datetime.date(2010, 6, 2), RequesterKind.BETROKKENE, False, False),  # 15: needs a representative
        (datetime.date(2010, 6, 2), RequesterKind.VERTEGENWOORDIGER, False, True),
        (datetime.date(2010, 6, 1), RequesterKind.BETROKKENE, False, True),  # 16 today
        (datetime.date(2009, 1, 1), RequesterKind.BETROKKENE, False, True),  # 17: asks in person
        (datetime.date(2009, 1, 1), RequesterKind.VERTEGENWOORDIGER, False, False),
        (datetime.date(1980, 1, 1), RequesterKind.BETROKKENE, True, False),  # curatele: always one
        (datetime.date(1980, 1, 1), RequesterKind.VERTEGENWOORDIGER, True, True),
    ],
)
def test_art_12_1_representative_rules_follow_the_date_of_birth_on_file(born, requester, curatele, allowed):
    user = uitvoerder()
    file = subject_file(date_of_birth=born)
    kwargs = {"requester_name": "J. Jansen (ouder)", "under_curatele": curatele}
    if allowed:
        request = _register(file, user, received_on=datetime.date(2026, 6, 1), requester=requester, **kwargs)
        assert request.process_id is not None
    else:
        with pytest.raises(ValidationError, match=r"art\. 12\.1") as refused:
            _register(file, user, received_on=datetime.date(2026, 6, 1), requester=requester, **kwargs)
        expected = (
            "vertegenwoordiger_vereist"
            if requester == RequesterKind.BETROKKENE
            else "vertegenwoordiger_niet_toegestaan"
        )
        assert refused.value.code == expected
        assert not RightsRequest.objects.exists()


@freeze_time("2026-06-01")
def test_art_12_1_mentorschap_needs_a_representative_over_http():
    user = uitvoerder()
    file = subject_file(date_of_birth=datetime.date(1990, 1, 1))
    data = {
        "weegploeg_number": file.number,
        "kind": "inzage",
        "received_on": "2026-06-01",
        "requester_kind": "betrokkene",
        "under_mentorschap": "on",
        "reply_address": "Postbus 1",
    }
    response = verified_client(user).post("/werk/rechten/nieuw/", data)
    assert response.status_code == 400
    assert "mentorschap" in response.content.decode()
    assert not RightsRequest.objects.exists()
