"""Art. 15.2g, issue 14: the uitvoerder reports and classifies an incident in a real browser, from
the start page through the navigation only, in the staff shell — viewflow's Material screens are
gone — and every page passes axe-core."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from incidents.models import IncidentProcess
from tests.browser.journey import axe_check, login
from tests.weegploeg.fixtures import uitvoerder

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNEY = "incident-melden"


def test_art_15_2g_report_and_classify_an_incident_through_the_navigation(pages):
    from playwright.sync_api import expect  # imported here: collected without Playwright too

    page = pages.new()
    login(page, uitvoerder(), journey=JOURNEY)
    axe_check(page, JOURNEY)
    page.get_by_role("navigation", name="Werkomgeving").get_by_role("link", name=re.compile("Incidenten")).click()
    axe_check(page, JOURNEY)
    page.get_by_role("link", name="Incident melden").click()
    # the click returns once the next document is committed, not parsed: ``expect`` waits for it
    expect(page.get_by_role("heading", name="Incident melden", level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Kruimelpad")).to_be_visible()
    axe_check(page, JOURNEY)
    page.get_by_label("Korte omschrijving").fill("Gegevensdrager verloren")
    page.get_by_label("Beschrijving van het incident").fill("USB-stick verloren in de trein.")
    page.get_by_label("Ontdekt op").fill(timezone.localtime().strftime("%Y-%m-%d %H:%M"))
    page.get_by_role("button", name="Incident melden").click()
    incident = IncidentProcess.objects.get()
    page.wait_for_url(f"**/werk/incidenten/{incident.reference}/")
    axe_check(page, JOURNEY)
    page.get_by_role("link", name="Classificeren: datalek of niet").click()
    axe_check(page, JOURNEY)
    page.get_by_role("button", name="Taak oppakken").click()
    page.get_by_label("Nee, geen datalek").check()
    page.get_by_label("Ernst").select_option(index=1)
    page.get_by_label("Onderbouwing van de classificatie").fill("Versleuteld; geen persoonsgegevens leesbaar.")
    page.get_by_role("button", name="Vastleggen en afronden").click()
    page.wait_for_url(f"**/werk/incidenten/{incident.reference}/")
    axe_check(page, JOURNEY)
    incident.refresh_from_db()
    assert incident.is_breach is False
    assert incident.classified_at is not None
    html = page.content()
    assert "Material" not in html
    assert "viewflow" not in html.lower()
