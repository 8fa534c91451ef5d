"""The uitvoerder handles an inzage request in a real browser and downloads the overview (art. 12.2-4)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from rights.models import RequestStatus, RightsRequest
from tests.browser.journey import axe_check, login, site_setup, visit
from tests.rights.fixtures import SUBJECT_A, build_case, pdf_text, uitvoerder
from tests.weegploeg.fixtures import referentiekader_publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNEY = "rechten"


def test_art_12_3_uitvoerder_registers_inzage_establishes_identity_answers_and_downloads_overview(pages):
    site_setup()
    referentiekader_publish()
    case = build_case()
    user = uitvoerder()
    today = timezone.localdate()

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
    assert request.number in page.url and SUBJECT_A["surname"] not in page.url  # pseudonymous URL

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
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert SUBJECT_A["surname"] in text and case.file.number in text

    # the inzage is given
    page.locator("input[name='decision'][value='verstrekt']").check()
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status not in (RequestStatus.IDENTITEIT, RequestStatus.INZAGE)
    visit(page, "/werk/rechten/", JOURNEY)
