"""Art. 12.6: after a correction every party that received or supplied the subject's data is told,
at an address that reaches someone; a party nobody can be reached at is an error for the uitvoerder
and the correction waits (nothing changes)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import Role
from outbox.models import OutboxMessage
from rights.models import CorrectionNotice, RequesterKind, RequestKind, RequestStatus, RightsRequest
from rights.notices import NO_NOTICE_RECIPIENT, participating_parties
from rights.services.correction import correction_decide, correction_execute
from rights.services.registration import identity_record, rights_request_register
from tests.casusoverleg.fixtures import agenda, deelnemer, partner
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.rights.fixtures import POLITIE, build_case, uitvoerder
from tests.weegploeg.fixtures import SUBJECT, accepted, weegploeglid
from weegploeg.models import InformationRequest, Subject, WeegploegFile

pytestmark = pytest.mark.django_db
RECLASSERING = "De Reclassering Nederland"
TODAY = timezone.localdate


def _correction(file_number: str, by, value: str = "Molenstraat 8"):
    request = rights_request_register(
        by=by,
        weegploeg_number=file_number,
        kind=RequestKind.CORRECTIE,
        received_on=TODAY() - datetime.timedelta(days=2),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address="Postbus 1, Gennep",
        corrections=[("address", value, "Verhuisd")],
    )
    identity_record(request, established_on=TODAY(), method="balie")
    correction_decide(request, decided_on=TODAY(), accepted_ids=[request.corrections.get().pk], motivation="Klopt.")
    return request


def test_art_12_6_the_reclassering_and_the_politie_that_supplied_information_are_notified():
    casus = agenda(involved=(RECLASSERING,), by=weegploeglid("De gemeente Venlo"))
    file = WeegploegFile.objects.get(number=casus.source_weegploeg_number)
    reclassering = deelnemer(RECLASSERING)
    politie = accepted(UserFactory(roles=[Role.WEEGPLOEGLID], party=party(POLITIE)))
    assert party(POLITIE) not in participating_parties([file.number])
    InformationRequest.objects.create(
        file=file,
        party=party(POLITIE),
        question="Is het subject bekend?",
        requested_by=politie,
        answer="Bekend uit eerdere meldingen.",
        answered_by=politie,
        answered_at=timezone.now(),
    )
    request = _correction(file.number, uitvoerder())
    correction_execute(request, executed_on=TODAY())

    notices = {n.party.name: n for n in CorrectionNotice.objects.filter(request=request)}
    assert {RECLASSERING, POLITIE, "De gemeente Gennep"} <= set(notices)
    assert all(n.recipients >= 1 for n in notices.values()), "geen kennisgeving met 0 ontvangers"
    assert notices[RECLASSERING].recipients == 1
    assert OutboxMessage.objects.count() == len(notices)
    call_command("outbox_send")
    delivered = {address: message for message in mail.outbox for address in message.to}
    assert reclassering.email in delivered
    assert politie.email in delivered
    for message in mail.outbox:
        text = message.subject + message.body
        assert request.number in text
        assert "adres" in text
        for value in ("Molenstraat", SUBJECT["address"], SUBJECT["surname"], SUBJECT["given_names"]):
            assert value not in text


def test_art_12_6_a_party_nobody_can_be_reached_at_is_an_error_and_nothing_changes():
    casus = agenda(involved=(RECLASSERING,), by=weegploeglid("De gemeente Venlo"))  # Reclassering: no user
    file = WeegploegFile.objects.get(number=casus.source_weegploeg_number)
    request = _correction(file.number, uitvoerder())
    with pytest.raises(ValidationError) as refused:
        correction_execute(request, executed_on=TODAY())
    assert refused.value.code == NO_NOTICE_RECIPIENT
    assert RECLASSERING in refused.value.messages[0]
    request.refresh_from_db()
    assert request.status == RequestStatus.CORRECTIE_UITVOERING
    assert Subject.objects.get(pk=file.subject_id).address == SUBJECT["address"]
    assert not CorrectionNotice.objects.exists()
    assert not OutboxMessage.objects.exists()
    # Once the Reclassering has a user with an address, the same correction goes through.
    deelnemer(RECLASSERING)
    correction_execute(request, executed_on=TODAY())
    assert CorrectionNotice.objects.get(request=request, party__name=RECLASSERING).recipients == 1


def _post(client, request, data, status=302):
    response = client.post(f"/werk/rechten/verzoek/{request.number}/", data)
    assert response.status_code == status, response.content.decode()[:3000]
    request.refresh_from_db()
    return response


def test_art_12_6_over_http_the_uitvoerder_sees_which_party_cannot_be_notified():
    case = build_case()  # the externe casuspartner received data (disclosure register) but has no user
    user = uitvoerder()
    client = verified_client(user)
    response = client.post(
        "/werk/rechten/nieuw/",
        {
            "weegploeg_number": case.file.number,
            "kind": "correctie",
            "received_on": (TODAY() - datetime.timedelta(days=3)).isoformat(),
            "requester_kind": "betrokkene",
            "requester_name": "",
            "reply_address": "Postbus 1, Gennep",
            "field_1": "address",
            "value_1": "Kerkstraat 4",
            "reason_1": "Ik ben verhuisd.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    request = RightsRequest.objects.get()
    _post(client, request, {"established_on": TODAY().isoformat(), "method": "balie", "note": ""})
    item = request.corrections.get()
    _post(client, request, {"accepted": [str(item.pk)], "decided_on": TODAY().isoformat(), "motivation": "Klopt."})
    assert request.status == RequestStatus.CORRECTIE_UITVOERING
    response = _post(client, request, {"executed_on": TODAY().isoformat()}, status=400)
    page = response.content.decode()
    assert "kan niet worden bezorgd" in page
    assert case.external.name in page
    assert request.status == RequestStatus.CORRECTIE_UITVOERING
    assert not CorrectionNotice.objects.exists()
    assert Subject.objects.get(pk=case.file.subject_id).address != "Kerkstraat 4"
    partner(case.external)
    _post(client, request, {"executed_on": TODAY().isoformat()})
    assert request.status == RequestStatus.AFGEROND
    assert CorrectionNotice.objects.get(request=request, party=case.external).recipients == 1
    page = client.get(f"/werk/rechten/verzoek/{request.number}/").content.decode()
    assert "(0 ontvangers" not in page
    assert "(1 ontvanger," in page
