"""Art. 12.3: the inzage overview gathers every datum about the subject in both files, the purposes,
every recipient and every source, and nothing about anyone else."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accesslog.models import AccessAction, AccessLogEntry
from rights.models import RequesterKind, RequestKind
from rights.selectors.overview import subject_overview
from rights.services.registration import identity_record, rights_request_register
from tests.helpers import verified_client
from tests.rights.fixtures import GENNEP, POLITIE, RVDK, build_case, deferral_assess_all, pdf_text, uitvoerder

pytestmark = pytest.mark.django_db


def _request(case, by):
    request = rights_request_register(
        by=by,
        weegploeg_number=case.file.number,
        kind=RequestKind.INZAGE,
        received_on=timezone.localdate() - datetime.timedelta(days=2),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address="Kapelstraat 17, 6591 BK Ottersum",
    )
    identity_record(request, established_on=timezone.localdate(), method="balie")
    assert deferral_assess_all(request, by)  # art. 11.4: the deferred duty no longer covers any item
    return request


def test_art_12_3_overview_pdf_holds_every_value_recipient_and_source_and_nothing_of_another_subject():
    case = build_case()
    user = uitvoerder()
    request = _request(case, user)
    client = verified_client(user)
    response = client.get(f"/werk/rechten/verzoek/{request.number}/overzicht.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for label, value in case.values.items():
        assert value in text, f"{label} ontbreekt in het overzicht"
    # Recipients: every party in the case and the externe casuspartner of the disclosure register.
    for recipient in (GENNEP, POLITIE, RVDK, case.external.name):
        assert recipient in text
    assert "Verstrekt aan externe casuspartners" in text
    assert "NAW-gegevens van het subject" in text
    # Sources: both bringing parties and the party that contributed data.
    sources = text.split("Waar komen uw gegevens vandaan?")[1].split("Uw rechten")[0]
    for source in (GENNEP, POLITIE, RVDK):
        assert source in sources
    assert "artikel 3" in text  # the purposes
    for other in case.foreign:
        assert other not in text, f"gegeven van een ander in het overzicht: {other}"
    # One export row per object whose data the overview holds: the request, the weegploeg file and
    # the casusoverleg file (issue 12: one row per object shown), each with its own type.
    exports = AccessLogEntry.objects.filter(action=AccessAction.EXPORT, allowed=True)
    assert sorted(exports.values_list("object_type", "object_ref")) == sorted(
        [
            ("rights_request", request.number),
            ("weegploeg_file", case.file.number),
            ("casusoverleg_file", case.casus.number),
        ]
    )


def test_art_12_3_recipients_are_derived_from_the_case_not_typed():
    case = build_case()
    overview = subject_overview(case.file.subject)
    assert case.external.name in overview.recipients
    assert {GENNEP, POLITIE, RVDK} <= set(overview.recipients)
    assert overview.sources == sorted({GENNEP, POLITIE, RVDK})
    # Only the subject's own files; the achterblijver mention in the other case is not gathered.
    assert [c["number"] for c in overview.casus_files] == [case.casus.number]


def test_art_12_3_overview_waits_for_the_identity():
    case = build_case()
    user = uitvoerder()
    request = rights_request_register(
        by=user,
        weegploeg_number=case.file.number,
        kind=RequestKind.INZAGE,
        received_on=timezone.localdate(),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address="Kapelstraat 17",
    )
    response = verified_client(user).get(f"/werk/rechten/verzoek/{request.number}/overzicht.pdf", follow=True)
    assert response.redirect_chain
    assert "identiteit is vastgesteld" in response.content.decode()
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()
