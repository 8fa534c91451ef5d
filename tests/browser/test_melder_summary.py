"""The melder's side in a real browser (issues 14.6 and 19.4; art. 7.1-7.2): fill in the intake form,
check the summary, change one answer (everything else kept), send, read the confirmation with the
file number and what happens next, and download the PDF copy of what was sent."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from forms.models import IntakeFormPage, QuestionType
from tests.browser.journey import axe_check, login, site_setup
from tests.intakeforms.helpers import publish, question
from tests.weegploeg.fixtures import melder
from weegploeg.models import Signal, WeegploegFile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNEY = "melder-controle"
CHANNEL = "Via welk kanaal kwam het signaal binnen?"
LINE = "Via welke telefoonlijn?"


def test_art_7_melder_checks_changes_one_answer_sends_and_downloads_the_pdf_copy(pages):
    from playwright.sync_api import expect  # imported here: collected without Playwright too

    site_setup()  # the published intake questions, as ``make run`` builds them
    intake = IntakeFormPage.objects.get()
    questions = list(intake.questions.all())
    channel = next(q for q in questions if q.label == CHANNEL)
    line = question(LINE, QuestionType.SINGLELINE, required=True)
    line.show_when_question, line.show_when_value = str(channel.uuid), "Telefoon"
    publish([*questions, line], intake)  # a conditional question: shown only for "Telefoon"
    page = pages.new()
    login(page, melder(), next_url="/werk/weegploeg/melden/", journey=JOURNEY)
    assert not page.get_by_label(LINE).is_visible()  # hidden in the browser (the server decides too)
    page.locator("#id_given_names").fill("Jan Pieter")
    page.locator("#id_surname").fill("Vries")
    page.locator("#id_date_of_birth").fill("2001-04-05")
    page.locator("#id_address").fill("Markt 1")
    page.locator("#id_residence").fill("Gennep")
    page.locator("#id_municipality").fill("Gennep")
    page.locator("#id_observation").fill("Deelt filmpjes die aanslagen verheerlijken.")
    page.locator("#id_observed_on").fill((timezone.localdate() - datetime.timedelta(days=2)).isoformat())
    page.get_by_label(CHANNEL).select_option("Telefoon")
    page.get_by_label(LINE).fill("Meldlijn wijkteam")  # now shown
    page.get_by_role("button", name="Volgende: controleren").click()

    # the summary: every answer with its question, nothing stored yet
    page.get_by_role("heading", name="Controleer uw signaal").wait_for()
    axe_check(page, JOURNEY)
    main = page.locator("main").inner_text()
    assert "Vries" in main
    assert CHANNEL in main
    assert "Telefoon" in main
    assert "05-04-2001" in main
    assert LINE in main
    assert "Meldlijn wijkteam" in main
    assert not Signal.objects.exists()

    # change one answer: back to the form at that field, every other answer kept
    page.get_by_role("button", name="Wijzigen: Achternaam").click()
    # The field gets the focus from its autofocus attribute, which the browser applies at its next
    # rendering step after the page is parsed, not when the field first exists: wait for it (CI once
    # read the focus in between, on a slow host).
    expect(page.locator("#id_surname")).to_be_focused()
    assert page.locator("#id_given_names").input_value() == "Jan Pieter"
    assert page.get_by_label(CHANNEL).input_value() == "Telefoon"
    page.locator("#id_surname").fill("Jansen")
    page.get_by_role("button", name="Volgende: controleren").click()
    page.get_by_role("heading", name="Controleer uw signaal").wait_for()
    assert "Jansen" in page.locator("main").inner_text()
    page.get_by_role("button", name="Versturen").click()

    # the confirmation: file number, what happens next and when, the PDF copy
    page.wait_for_url("**/werk/weegploeg/melden/ontvangen/*/")
    axe_check(page, JOURNEY)
    file = WeegploegFile.objects.get()
    assert file.subject.surname == "Jansen"
    main = page.locator("main").inner_text()
    assert file.number in main
    assert "Wat gebeurt er nu?" in main
    assert "Jansen" not in page.url
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download een kopie van wat u hebt verstuurd (PDF)").click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert download_info.value.suggested_filename == f"signaal-{file.number}.pdf"
