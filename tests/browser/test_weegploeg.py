"""A melder registers a signal and the weegploeg analyses, decides and agendas it, in a real browser
(art. 7.1-4, 8.2, 11.3). The intake form and the weegploeg decision are completed with the keyboard alone;
the decision takes effect when a second person of another kernpartij logs in and confirms it (art. 7.4)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from pages.models import ReferentiekaderPage
from tests.browser.journey import axe_check, keyboard_fill_form, login, site_setup, visit
from tests.weegploeg.fixtures import confirmer, melder, referentiekader_publish, weegploeglid
from weegploeg.models import FileStatus, WeegploegFile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNEY = "melder-weegploeg"


def test_art_7_melder_registers_by_keyboard_weegploeg_analyses_and_agendas_with_keyboard_decision(pages):
    from playwright.sync_api import expect  # imported here: collected without Playwright too

    site_setup()
    referentiekader_publish(page=ReferentiekaderPage.objects.get())
    reporter, lid = melder(), weegploeglid()
    second = confirmer("Het Openbaar Ministerie")  # art. 7.4: four eyes of another kernpartij
    second.first_name, second.last_name = "Olga", "Bevestiger"
    second.save(update_fields=["first_name", "last_name"])

    # the melder: the intake form, with the keyboard alone
    page = pages.new()
    login(page, reporter, next_url="/werk/weegploeg/melden/", journey=JOURNEY, check=True)
    axe_check(page, JOURNEY)
    assert page.locator("[aria-current='step']").inner_text().strip().startswith("1")  # the progress indicator
    birth = datetime.date(2001, 4, 5)
    seen = (timezone.localdate() - datetime.timedelta(days=2)).strftime("%d%m%Y")
    keyboard_fill_form(
        page,
        {
            "given_names": "Jan Pieter",
            "surname": "Vries",
            "surname_prefix": "de",
            "date_of_birth": birth.strftime("%d%m%Y"),
            "address": "Markt 1",
            "residence": "Gennep",
            "municipality": "Gennep",
            "observation": "Deelt filmpjes die aanslagen verheerlijken.",
            "observed_on": seen,
            "label:Via welk kanaal": "Telefoon",
        },
        submit="Volgende: controleren",
    )
    page.get_by_role("button", name="Versturen").click()  # issue 14.6: the summary step
    page.wait_for_url("**/werk/weegploeg/melden/ontvangen/*/")
    axe_check(page, JOURNEY)
    file = WeegploegFile.objects.get()
    assert f"dossiernummer {file.number}" in page.locator(".messages").inner_text()
    assert file.subject.surname == "Vries"
    assert file.subject.date_of_birth == birth

    # the weegploeg member: inbox, analysis by mouse
    wp = pages.new()
    login(wp, lid, next_url="/werk/weegploeg/", journey=JOURNEY)
    axe_check(wp, JOURNEY)
    assert "Vries" not in wp.content()  # lists show the file number and initials only
    due = wp.locator("table tr", has_text=file.number).first.locator("time")
    assert re.fullmatch(r"\d{1,2}-\d{1,2}-\d{4}", due.inner_text())  # the due date as a date ...
    assert re.search(r"\((nog \d+ dag(en)?|vandaag)\)", due.locator("xpath=..").inner_text())  # ... and "nog N dagen"
    wp.get_by_role("link", name=file.number).first.click()
    axe_check(wp, JOURNEY)
    for code, answer in (("ID-1", "Van toepassing"), ("ID-2", "Onbekend"), ("RE-1", "Niet van toepassing")):
        wp.locator(f"fieldset:has(legend:has-text('{code}.'))").get_by_label(answer, exact=True).check()
    wp.locator("[name='summary']").fill("Zorgelijke uitingen.")
    wp.get_by_label("Klaar voor besluit").check()
    wp.get_by_role("button", name="Vastleggen en afronden").click()
    wp.wait_for_url("**/werk/weegploeg/")
    file.refresh_from_db()
    assert file.status != FileStatus.IN_ANALYSE, file.status

    # the decision, with the keyboard alone: agenderen, a motivation, the Raad voor de Kinderbescherming
    wp.get_by_role("link", name=file.number).first.click()
    expect(wp.get_by_role("heading", level=1)).to_contain_text("Besluit", use_inner_text=True)  # the next document
    axe_check(wp, JOURNEY)
    keyboard_fill_form(
        wp,
        {
            "outcome": "agenderen",
            "motivation": "Casusoverleg nodig.",
            "involved_parties": "De Raad voor de kinderbescherming",
            "basis": "vier_ogen",  # art. 7.4: four eyes — a second kernpartij confirms it on its own screen
        },
        submit="Vastleggen en afronden",
    )
    # The answer comes back on the same task URL: wait for its text, not for the URL (which the form
    # page already had, so waiting for it could read the page from before the post).
    wp.locator("main", has_text="Besluit wacht op bevestiging").wait_for()
    axe_check(wp, JOURNEY)
    file.refresh_from_db()
    assert file.status == FileStatus.BESLUIT
    assert not hasattr(file, "decision")

    # the second person, of another kernpartij (the OM), logs in and confirms (issue 13 item 8)
    om = pages.new()
    login(om, second, next_url="/werk/", journey=JOURNEY)
    om.get_by_role("link", name="Besluiten ter bevestiging").first.click()
    om.wait_for_url("**/werk/overleggen/besluiten/")
    axe_check(om, JOURNEY)
    om.get_by_role("link", name=f"Dossier {file.number}").click()
    axe_check(om, JOURNEY)
    assert "Casusoverleg nodig." in om.locator("main").inner_text()
    om.locator("details.confirm > summary").focus()
    om.keyboard.press("Enter")
    om.get_by_role("button", name="Ja, besluit bevestigen").click()
    om.wait_for_url("**/werk/overleggen/besluiten/")
    assert "bevestigd" in om.locator(".messages").inner_text()
    file.refresh_from_db()
    assert file.decision.outcome == "agenderen"
    assert file.decision.decided_by == lid
    assert file.decision.collective.confirmed_by == second
    assert [p.name for p in file.decision.involved_parties.all()] == ["De Raad voor de kinderbescherming"]

    # the information duty (art. 11.3): deferred on ground d
    visit(wp, "/werk/weegploeg/", JOURNEY)
    wp.get_by_role("link", name=file.number).first.click()
    axe_check(wp, JOURNEY)
    wp.get_by_label("De politie", exact=True).check()
    wp.get_by_label("Het Openbaar Ministerie", exact=True).check()
    wp.locator("textarea[name='consultation_note'], input[name='consultation_note']").fill("Politie en OM.")
    wp.get_by_label("Informeren uitstellen", exact=False).check()
    wp.locator("select[name='ground']").select_option("d")
    wp.locator("input[name='recheck_on']").fill((timezone.localdate() + datetime.timedelta(days=90)).isoformat())
    wp.locator("textarea[name='note'], input[name='note']").fill("Informeren zou het onderzoek schaden.")
    wp.get_by_role("button", name="Vastleggen en afronden").click()
    wp.wait_for_url("**/werk/weegploeg/")
    file.refresh_from_db()
    assert file.status == FileStatus.GEAGENDEERD

    # the melder sees the outcome, never the analysis
    visit(page, "/werk/weegploeg/mijn-meldingen/", JOURNEY)
    assert "Geagendeerd voor casusoverleg" in page.content()
    assert "Zorgelijke uitingen" not in page.content()
