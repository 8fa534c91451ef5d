"""Walk the rights screens over HTTP as the uitvoerder: register, identity, inzage, correction
decided and carried into both files (art. 12.5-6), parties notified, refusal letter (art. 12.4)."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accesslog.models import AccessAction, AccessLogEntry
from casusoverleg.models import CasusSubject
from rights.models import CorrectionNotice, RequestStatus, RightsRequest
from tests.casusoverleg.fixtures import partner
from tests.helpers import verified_client
from tests.rights.fixtures import (
    GENNEP,
    POLITIE,
    RVDK,
    SUBJECT_A,
    build_case,
    deferral_assess_all,
    pdf_text,
    uitvoerder,
)
from weegploeg.models import Subject

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _register_over_http(client, case, **extra):
    data = {
        "weegploeg_number": case.file.number,
        "kind": "beide",
        "received_on": (TODAY() - datetime.timedelta(days=3)).isoformat(),
        "requester_kind": "betrokkene",
        "requester_name": "",
        "reply_address": "Kapelstraat 17\n6591 BK Ottersum",
        "field_1": "address",
        "value_1": "Kerkstraat 4",
        "reason_1": "Ik ben verhuisd.",
        "field_2": "surname",
        "value_2": "Kleuskens-Peters",
        "reason_2": "Naam na huwelijk.",
        **extra,
    }
    response = client.post("/werk/rechten/nieuw/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return RightsRequest.objects.get()


def _post(client, request, data):
    response = client.post(f"/werk/rechten/verzoek/{request.number}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    request.refresh_from_db()
    return request


def test_art_12_6_accepted_correction_reaches_both_files_parties_are_notified_and_logged(caplog):
    case = build_case()
    partner(case.external)  # art. 12.6: every party needs someone to notify (test_correction_notices.py)
    user = uitvoerder()
    client = verified_client(user)
    caplog.set_level(logging.DEBUG)
    request = _register_over_http(client, case)
    assert request.number.startswith("R-")
    assert request.status == RequestStatus.IDENTITEIT
    request = _post(client, request, {"established_on": TODAY().isoformat(), "method": "balie", "note": ""})
    assert request.status == RequestStatus.INZAGE
    assert deferral_assess_all(request, user)  # art. 11.4: the deferred duty no longer covers any item
    request = _post(client, request, {"decision": "verstrekt", "answered_on": TODAY().isoformat()})
    assert request.status == RequestStatus.CORRECTIE_BESLUIT
    assert AccessLogEntry.objects.filter(action=AccessAction.EXPORT, object_ref=case.file.number).exists()
    address_item, _surname_item = request.corrections.order_by("pk")
    request = _post(
        client,
        request,
        {"accepted": [str(address_item.pk)], "decided_on": TODAY().isoformat(), "motivation": "Adres klopt niet meer."},
    )
    assert request.status == RequestStatus.CORRECTIE_UITVOERING
    assert request.correction_decision == "deels_toegewezen"
    mail.outbox.clear()
    request = _post(client, request, {"executed_on": TODAY().isoformat()})
    assert request.status == RequestStatus.AFGEROND
    # Both files carry the new address; the rejected surname correction changed nothing.
    assert Subject.objects.get(pk=case.file.subject_id).address == "Kerkstraat 4"
    casus_subject = CasusSubject.objects.get(file=case.casus)
    assert casus_subject.address == "Kerkstraat 4"
    assert casus_subject.surname == SUBJECT_A["surname"]
    # The participating parties got a notice naming what changed, never the old (or new) value.
    notified = set(CorrectionNotice.objects.values_list("party__name", flat=True))
    assert {GENNEP, POLITIE, RVDK, case.external.name} <= notified
    notice = CorrectionNotice.objects.filter(party__name=GENNEP).get()
    assert notice.changed_fields == ["adres"]
    assert set(notice.file_numbers) == {case.file.number, case.casus.number}
    call_command("outbox_send")  # issue 15.4: the notices wait in the outbox until the send job runs
    assert mail.outbox, "de deelnemers krijgen een kennisgeving"
    for message in mail.outbox:
        assert "adres" in message.body
        for value in (SUBJECT_A["address"], "Kerkstraat 4", SUBJECT_A["surname"], SUBJECT_A["given_names"]):
            assert value not in message.body + message.subject
    # The access log shows the update in both files.
    updates = AccessLogEntry.objects.filter(action=AccessAction.UPDATE, allowed=True)
    assert updates.filter(object_type="weegploeg_file", object_ref=case.file.number).exists()
    assert updates.filter(object_type="casusoverleg_file", object_ref=case.casus.number).exists()
    # No request data in log lines or URLs.
    logged = " ".join(record.getMessage() for record in caplog.records)
    for value in ("Kleuskens", "Mirthe", "Kapelstraat", "Kerkstraat", "1998", "Ottersum"):
        assert value not in logged
    assert all(
        value not in (e.object_ref + e.purpose)
        for e in AccessLogEntry.objects.all()
        for value in ("Kleuskens", "Kerkstraat")
    )
    # The refusal letter names the rejected correction.
    letter = client.get(f"/werk/rechten/verzoek/{request.number}/afwijzing.pdf")
    assert letter.status_code == 200
    assert "achternaam" in pdf_text(letter.content)


def test_art_12_4_refusal_letter_names_the_art_41_ground_and_partial_refusal_withholds_parts():
    case = build_case()
    user = uitvoerder()
    client = verified_client(user)
    request = _register_over_http(
        client, case, kind="inzage", field_1="", value_1="", reason_1="", field_2="", value_2="", reason_2=""
    )
    request = _post(client, request, {"established_on": TODAY().isoformat(), "method": "digid"})
    assert deferral_assess_all(request, user)  # art. 11.4: the deferred duty no longer covers any item
    response = client.post(
        f"/werk/rechten/verzoek/{request.number}/",
        {"decision": "deels_geweigerd", "answered_on": TODAY().isoformat(), "ground": "d", "motivation": ""},
    )
    assert response.status_code == 400
    assert "Motiveer de weigering" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.INZAGE  # nothing changed
    request = _post(
        client,
        request,
        {
            "decision": "deels_geweigerd",
            "answered_on": TODAY().isoformat(),
            "ground": "d",
            "motivation": "Er loopt een strafrechtelijk onderzoek naar de signalen.",
            "withheld_sections": ["signalen"],
        },
    )
    assert request.status == RequestStatus.AFGEROND
    letter = pdf_text(client.get(f"/werk/rechten/verzoek/{request.number}/afwijzing.pdf").content)
    assert "de voorkoming, het onderzoek, de opsporing en de vervolging van strafbare feiten" in letter
    assert "artikel 41" in letter
    assert "Er loopt een strafrechtelijk onderzoek naar de signalen." in letter
    assert "De signalen" in letter
    overview = pdf_text(client.get(f"/werk/rechten/verzoek/{request.number}/overzicht.pdf").content)
    assert "Deelt filmpjes die aanslagen verheerlijken." not in overview  # the refused part
    assert "Kapelstraat 17" in overview  # the rest is given


def test_art_12_bad_input_gives_dutch_messages_and_changes_nothing():
    user = uitvoerder()
    client = verified_client(user)
    response = client.post("/werk/rechten/nieuw/", {"weegploeg_number": "W-1999-9999", "kind": "x"})
    assert response.status_code == 400
    assert "Kies een van de mogelijkheden." in response.content.decode()
    response = client.post(
        "/werk/rechten/nieuw/",
        {
            "weegploeg_number": "W-1999-9999",
            "kind": "inzage",
            "received_on": TODAY().isoformat(),
            "requester_kind": "betrokkene",
            "reply_address": "Postbus 1",
        },
    )
    assert response.status_code == 400
    assert "Er is geen weegploegdossier met dit nummer." in response.content.decode()
    # Issue 12: an unknown number gets the same 403 as a refused one, with one denied row.
    before = AccessLogEntry.objects.filter(user_id=user.pk, allowed=False).count()
    assert client.get("/werk/rechten/verzoek/R-2026-9999/").status_code == 403
    denied = AccessLogEntry.objects.filter(user_id=user.pk, allowed=False)
    assert denied.count() == before + 1
    assert denied.order_by("-id").first().object_ref == "R-2026-9999"
    assert not RightsRequest.objects.exists()
