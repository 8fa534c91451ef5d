"""Art. 11.4 and 12.4: an inzage must not undo a deferred information duty (issue 13 item 2).

``build_case`` records the information duty as deferred on art. 41 UAVG ground d. Until the
uitvoerder has judged every item of the overview (per file, per kind of data, per party whose
information it is) after consulting that party, the overview cannot be issued; items that stay
covered are left out of the overview and named by kind — never by content or source — in the
reasoned refusal. The casusoverleg file agendered from the deferred weegploeg file is covered too."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accesslog.models import AccessAction, AccessLogEntry
from rights import deferral
from rights.models import DeferredItemAssessment, DeferredItemKind, RequesterKind, RequestKind, RequestStatus
from rights.services.information_duty import information_duty_check
from rights.services.inzage import inzage_answer
from rights.services.registration import rights_request_register
from tests.factories import party
from tests.helpers import verified_client
from tests.rights.fixtures import GENNEP, POLITIE, RVDK, build_case, deferral_assess_all, pdf_text, uitvoerder

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
POLITIE_SIGNAL = "Bezocht een bijeenkomst van een extremistische groep in Venlo."
GENNEP_SIGNAL = "Deelt filmpjes die aanslagen verheerlijken."
CONTRIBUTION = "Moeder heeft het gezag, vader woont in het buitenland."
REASONING = "Het onderzoek van de recherche loopt nog tot de zitting."


def _request(case, by):
    request = rights_request_register(
        by=by,
        weegploeg_number=case.file.number,
        kind=RequestKind.INZAGE,
        received_on=TODAY() - datetime.timedelta(days=2),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address="Kapelstraat 17, 6591 BK Ottersum",
    )
    # The identity step over HTTP, so that the flow's next task is the inzage.
    response = verified_client(by).post(
        f"/werk/rechten/verzoek/{request.number}/", {"established_on": TODAY().isoformat(), "method": "balie"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.INZAGE
    return request


def _assess_over_http(client, request, item, *, still_applies: bool, consulted=None, reasoning=REASONING):
    consulted = consulted or (party(item.party_name) if item.party_name else party(POLITIE))
    return client.post(
        f"/werk/rechten/verzoek/{request.number}/uitstel/",
        {
            "item": item.key,
            "consulted_party": str(consulted.pk),
            "consulted_on": TODAY().isoformat(),
            "still_applies": "ja" if still_applies else "nee",
            "reasoning": reasoning,
        },
    )


def _assess_all_over_http(client, request, covered):
    """Every item over HTTP; ``covered(item)`` says whether the ground still applies to it."""
    for item in deferral.deferral_items(request):
        response = _assess_over_http(client, request, item, still_applies=covered(item))
        assert response.status_code == 302, response.content.decode()[:2000]


def _answer_over_http(client, request, decision="deels_geweigerd"):
    data = {"decision": decision, "answered_on": TODAY().isoformat()}
    if decision != "verstrekt":
        data |= {"ground": "d", "motivation": "Een deel van de gegevens valt onder een lopend onderzoek."}
    response = client.post(f"/werk/rechten/verzoek/{request.number}/", data)
    request.refresh_from_db()
    return response


def _sources(text: str) -> str:
    return text.split("Waar komen uw gegevens vandaan?")[1].split("Uw rechten")[0]


def test_art_11_4_12_4_deferred_duty_refuses_inzage_until_every_item_is_assessed():
    case = build_case()
    user = uitvoerder()
    request = _request(case, user)
    items = deferral.deferral_items(request)
    # Items per file, per kind and per party whose information it is — in both files.
    keys = {(i.file_number, i.kind, i.party_name) for i in items}
    assert {
        (case.file.number, DeferredItemKind.SIGNALS, GENNEP),
        (case.file.number, DeferredItemKind.SIGNALS, POLITIE),
        (case.file.number, DeferredItemKind.ANALYSIS, ""),
        (case.file.number, DeferredItemKind.DECISION, ""),
        (case.casus.number, DeferredItemKind.SIGNALS, POLITIE),
        (case.casus.number, DeferredItemKind.PLAN, ""),
        (case.casus.number, DeferredItemKind.CONTRIBUTIONS, RVDK),
    } <= keys
    assert all(i.ground == "d" for i in items)
    for decision in ("verstrekt", "deels_geweigerd", "geweigerd"):
        with pytest.raises(ValidationError) as refused:
            inzage_answer(
                request, decision=decision, answered_on=TODAY(), ground="d", motivation="Motief", withheld_sections=[]
            )
        assert refused.value.code == "deferral_unassessed"
        assert "uitgesteld" in refused.value.messages[0]
    request.refresh_from_db()
    assert request.status == RequestStatus.INZAGE
    assert not request.inzage_decision
    client = verified_client(user)
    # The detail screen says so plainly and offers the assessment step.
    page = client.get(f"/werk/rechten/verzoek/{request.number}/").content.decode()
    assert "Informatieplicht uitgesteld (art. 11.4)" in page
    assert "Nog niet beoordeeld" in page
    assert f"/werk/rechten/verzoek/{request.number}/uitstel/" in page
    assert "overzicht.pdf" not in page
    # The overview is not issued, over the task screen nor as a PDF; nothing is exported.
    response = _answer_over_http(client, request, "verstrekt")
    assert response.status_code == 400
    assert "De informatieplicht voor deze betrokkene is uitgesteld (art. 11.4)." in (response.content.decode())
    assert request.status == RequestStatus.INZAGE
    pdf = client.get(f"/werk/rechten/verzoek/{request.number}/overzicht.pdf", follow=True)
    assert pdf.redirect_chain
    assert "per onderdeel is beoordeeld" in pdf.content.decode()
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()
    # One item left open still blocks.
    for item in items[:-1]:
        assert _assess_over_http(client, request, item, still_applies=False).status_code == 302
    with pytest.raises(ValidationError) as refused:
        inzage_answer(request, decision="verstrekt", answered_on=TODAY())
    assert refused.value.code == "deferral_unassessed"
    assert _assess_over_http(client, request, items[-1], still_applies=False).status_code == 302
    response = _answer_over_http(client, request, "verstrekt")
    assert response.status_code == 302, response.content.decode()[-6000:]
    assert request.status == RequestStatus.AFGEROND


def test_art_11_3_the_party_concerned_is_consulted_and_bad_input_changes_nothing():
    case = build_case()
    user = uitvoerder()
    request = _request(case, user)
    client = verified_client(user)
    items = {(i.file_number, i.kind, i.party_name): i for i in deferral.deferral_items(request)}
    politie_signals = items[(case.file.number, DeferredItemKind.SIGNALS, POLITIE)]
    analysis = items[(case.file.number, DeferredItemKind.ANALYSIS, "")]
    # The politie's signal: only the politie can say whether its ground still applies.
    response = _assess_over_http(client, request, politie_signals, still_applies=True, consulted=party(GENNEP))
    assert response.status_code == 400
    assert "Raadpleeg de partij van wie deze gegevens zijn" in response.content.decode()
    # The weegploeg's analysis: a kernpartij, not an externe casuspartner.
    response = _assess_over_http(client, request, analysis, still_applies=True, consulted=case.external)
    assert response.status_code == 400
    assert "Raadpleeg voor dit onderdeel een kernpartij" in response.content.decode()
    response = _assess_over_http(client, request, analysis, still_applies=True, reasoning=" ")
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    response = client.post(f"/werk/rechten/verzoek/{request.number}/uitstel/", {"item": "W-1999-9999|analyse|"})
    assert response.status_code == 400
    assert "Kies een van de mogelijkheden." in response.content.decode()
    assert not DeferredItemAssessment.objects.exists()
    # A valid assessment is recorded with who, which party, when, the answer and the reasoning.
    assert _assess_over_http(client, request, politie_signals, still_applies=True).status_code == 302
    row = DeferredItemAssessment.objects.get()
    assert (row.assessed_by, row.consulted_party.name, row.consulted_on, row.still_applies, row.reasoning) == (
        user,
        POLITIE,
        TODAY(),
        True,
        REASONING,
    )
    assert row.ground == "d"
    assert row.file_kind == "weegploeg"
    # The step is logged as a change of the request, by number only.
    updates = AccessLogEntry.objects.filter(
        action=AccessAction.UPDATE, allowed=True, object_ref=request.number, purpose__contains="uitgestelde"
    )
    assert updates.count() == 1


def test_art_12_4_items_still_covered_are_absent_from_the_overview_and_named_by_kind_in_the_refusal():
    case = build_case()
    user = uitvoerder()
    request = _request(case, user)
    client = verified_client(user)
    # The politie's signals stay covered in both files; everything else no longer is.
    _assess_all_over_http(client, request, lambda item: item.party_name == POLITIE)
    # Not given in full while items stay covered (art. 12.4 wants a reasoned refusal).
    response = _answer_over_http(client, request, "verstrekt")
    assert response.status_code == 400
    assert "gedeeltelijk geweigerd" in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        inzage_answer(request, decision="verstrekt", answered_on=TODAY())
    assert refused.value.code == "deferral_withheld"
    # A partial refusal needs no manually withheld section: the deferral items are withheld.
    assert _answer_over_http(client, request).status_code == 302
    assert request.status == RequestStatus.AFGEROND
    assert request.inzage_decision == "deels_geweigerd"
    overview = pdf_text(client.get(f"/werk/rechten/verzoek/{request.number}/overzicht.pdf").content)
    assert POLITIE_SIGNAL not in overview  # covered: absent
    assert POLITIE not in _sources(overview)  # and its source is not revealed either
    for shown in (
        GENNEP_SIGNAL,
        case.values["analyse"],
        case.values["besluit"],
        case.values["maatregel"],
        CONTRIBUTION,
    ):
        assert shown in overview
    assert "Uit dit dossier niet (of niet volledig) gegeven: Signalen" in overview
    letter = pdf_text(client.get(f"/werk/rechten/verzoek/{request.number}/afwijzing.pdf").content)
    assert "Signalen in het dossier van de weegploeg" in letter
    assert "Signalen in het dossier van het casusoverleg" in letter
    assert "de voorkoming, het onderzoek, de opsporing en de vervolging van strafbare feiten" in letter
    assert "artikel 12, vierde lid" in letter
    assert "niet alle gegevens: welke niet, staat hieronder." in letter
    # By kind, never content, source or the internal reasoning.
    for secret in (POLITIE_SIGNAL, POLITIE, REASONING, GENNEP_SIGNAL):
        assert secret not in letter


def test_art_12_4_items_assessed_no_longer_covered_appear_in_the_overview():
    case = build_case()
    user = uitvoerder()
    request = _request(case, user)
    client = verified_client(user)
    _assess_all_over_http(client, request, lambda item: False)
    assert _answer_over_http(client, request, "verstrekt").status_code == 302
    assert request.status == RequestStatus.AFGEROND
    assert not request.withheld_sections
    overview = pdf_text(client.get(f"/werk/rechten/verzoek/{request.number}/overzicht.pdf").content)
    for label, value in case.values.items():
        assert value in overview, f"{label} ontbreekt in het overzicht"
    for source in (GENNEP, POLITIE, RVDK):
        assert source in _sources(overview)
    assert "niet (of niet volledig) gegeven" not in overview
    # Nothing refused: no refusal letter.
    letter = client.get(f"/werk/rechten/verzoek/{request.number}/afwijzing.pdf", follow=True)
    assert letter.redirect_chain
    assert "niets geweigerd" in letter.content.decode()


def test_art_10_2_11_4_12_4_the_casusoverleg_file_is_covered_by_the_deferral_too():
    case = build_case()
    user = uitvoerder()
    request = _request(case, user)
    client = verified_client(user)
    casus_items = [i for i in deferral.deferral_items(request) if i.file_number == case.casus.number]
    assert casus_items
    assert all(i.file_kind == "casusoverleg" for i in casus_items)
    # The Raad voor de Kinderbescherming's contribution and the plan stay covered in the casusoverleg file.
    _assess_all_over_http(
        client,
        request,
        lambda item: (
            item.file_number == case.casus.number
            and item.kind in (DeferredItemKind.CONTRIBUTIONS, DeferredItemKind.PLAN)
        ),
    )
    assert _answer_over_http(client, request).status_code == 302
    overview = pdf_text(client.get(f"/werk/rechten/verzoek/{request.number}/overzicht.pdf").content)
    assert CONTRIBUTION not in overview
    assert case.values["maatregel"] not in overview
    assert case.values["doel plan"] not in overview
    assert RVDK not in _sources(overview)
    assert POLITIE_SIGNAL in overview
    assert GENNEP_SIGNAL in overview
    letter = pdf_text(client.get(f"/werk/rechten/verzoek/{request.number}/afwijzing.pdf").content)
    assert "Door een partij ingebrachte gegevens in het dossier van het casusoverleg" in letter
    assert "Plan van aanpak, maatregelen en voortgang in het dossier van het casusoverleg" in letter
    for secret in (CONTRIBUTION, case.values["maatregel"], RVDK):
        assert secret not in letter


def test_art_11_5_once_the_subject_is_informed_no_item_is_covered():
    case = build_case()
    user = uitvoerder()
    information_duty_check(
        case.file.information_duty, by=user, checked_on=TODAY(), ground_remains=False, note="Onderzoek afgerond."
    )
    request = _request(case, user)
    assert deferral.deferral_items(request) == []
    assert deferral_assess_all(request, user) == 0
    inzage_answer(request, decision="verstrekt", answered_on=TODAY())
    assert request.status == RequestStatus.AFGEROND
