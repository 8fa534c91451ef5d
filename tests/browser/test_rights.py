"""The uitvoerder handles an inzage request in a real browser and downloads the overview (art. 12.2-4)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from rights import deferral
from rights.models import RequestStatus, RightsRequest
from rights.services.information_duty import information_duty_check
from rights.services.registration import rights_request_register
from tests.browser.journey import axe_check, login, site_setup, visit
from tests.rights.fixtures import POLITIE, SUBJECT_A, build_case, pdf_text, uitvoerder
from tests.weegploeg.fixtures import referentiekader_publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNEY = "rechten"


def test_art_12_3_uitvoerder_registers_inzage_establishes_identity_answers_and_downloads_overview(pages):
    site_setup()
    referentiekader_publish()
    case = build_case()
    user = uitvoerder()
    today = timezone.localdate()
    # Art. 11.5: no ground remains, the subject was informed; the overview is given in full
    # (the journey under a deferred duty is the next test).
    information_duty_check(
        case.file.information_duty, by=user, checked_on=today, ground_remains=False, note="Onderzoek afgerond."
    )

    page = pages.new()
    login(page, user, next_url="/werk/rechten/", journey=JOURNEY)
    axe_check(page, JOURNEY)
    page.get_by_role("link", name="Nieuw verzoek registreren").first.click()
    axe_check(page, JOURNEY)
    page.locator("[name='weegploeg_number']").fill(case.file.number)
    page.locator("input[name='kind'][value='inzage']").check()
    page.locator("[name='received_on']").fill((today - datetime.timedelta(days=2)).isoformat())
    page.locator("input[name='requester_kind'][value='betrokkene']").check()
    page.locator("[name='reply_address']").fill("Kapelstraat 17\n6591 BK Ottersum")
    page.get_by_role("button", name="Verzoek registreren").click()
    page.wait_for_url("**/werk/rechten/verzoek/**")
    axe_check(page, JOURNEY)
    request = RightsRequest.objects.get()
    assert request.status == RequestStatus.IDENTITEIT
    assert request.number in page.url
    assert SUBJECT_A["surname"] not in page.url

    # identity established at the counter
    page.locator("input[name='method'][value='balie']").check()
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == RequestStatus.INZAGE
    axe_check(page, JOURNEY)

    # the overview, downloaded as the uitvoerder does
    link = page.get_by_role("link", name="Inzageoverzicht (PDF)")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert SUBJECT_A["surname"] in text
    assert case.file.number in text

    # the inzage is given
    page.locator("input[name='decision'][value='verstrekt']").check()
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status not in (RequestStatus.IDENTITEIT, RequestStatus.INZAGE)
    visit(page, "/werk/rechten/", JOURNEY)


def test_art_11_4_12_4_under_a_deferred_duty_the_uitvoerder_assesses_each_item_before_the_overview(pages):
    """Issue 13 item 2: the deferral shows plainly, blocks the overview until every item is judged
    after consulting its party; what stays covered is left out and named in the refusal letter."""
    from parties.models import Party

    site_setup()
    referentiekader_publish()
    case = build_case()
    user = uitvoerder()
    today = timezone.localdate()
    request = rights_request_register(
        by=user,
        weegploeg_number=case.file.number,
        kind="inzage",
        received_on=today - datetime.timedelta(days=2),
        requester_kind="betrokkene",
        reply_address="Kapelstraat 17, 6591 BK Ottersum",
    )

    page = pages.new()
    login(page, user, next_url=f"/werk/rechten/verzoek/{request.number}/", journey=JOURNEY)
    page.locator("input[name='method'][value='balie']").check()
    page.get_by_role("button", name="Vastleggen", exact=True).click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == RequestStatus.INZAGE

    # The deferral is shown plainly; there is no overview to download yet.
    assert page.get_by_role("heading", name="Informatieplicht uitgesteld (art. 11.4)").is_visible()
    assert page.get_by_role("link", name="Inzageoverzicht (PDF)").count() == 0
    axe_check(page, JOURNEY)

    # Each item judged after consulting its party: the politie's signals stay covered.
    for item in deferral.deferral_items(request):
        consulted = Party.objects.get(pk=item.party_id) if item.party_id else Party.objects.get(name=POLITIE)
        page.locator("[name='item']").select_option(item.key)
        page.locator("[name='consulted_party']").select_option(str(consulted.pk))
        page.locator("[name='consulted_on']").fill(today.isoformat())
        answer = "ja" if item.party_name == POLITIE else "nee"
        page.locator(f"input[name='still_applies'][value='{answer}']").check()
        page.locator("[name='reasoning']").fill("Overleg met de partij gevoerd.")
        page.get_by_role("button", name="Beoordeling vastleggen").click()
        page.wait_for_load_state()
        assert "De beoordeling is vastgelegd" in page.content()
    axe_check(page, JOURNEY)

    # A partial refusal (art. 12.4), then the overview without the covered items and the letter.
    page.locator("input[name='decision'][value='deels_geweigerd']").check()
    page.locator("[name='ground']").select_option("d")
    page.locator("[name='motivation']").fill("Een deel van de gegevens valt onder een lopend onderzoek.")
    page.get_by_role("button", name="Vastleggen", exact=True).click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.inzage_decision == "deels_geweigerd"
    overview = page.request.get(page.get_by_role("link", name="Inzageoverzicht (PDF)").get_attribute("href"))
    text = pdf_text(overview.body())
    assert "Bezocht een bijeenkomst van een extremistische groep in Venlo." not in text
    assert "Deelt filmpjes die aanslagen verheerlijken." in text
    letter = page.request.get(page.get_by_role("link", name="Gemotiveerde afwijzing (PDF)").get_attribute("href"))
    letter_text = pdf_text(letter.body())
    assert "Signalen in het dossier van de weegploeg" in letter_text
    assert POLITIE not in letter_text
    axe_check(page, JOURNEY)
