"""The public journey in a real browser (art. 11.1: the published convenant, annexes and versions)."""

from __future__ import annotations

import hashlib

import pytest

from pages.models import ReferentiekaderPage, StoredPdf
from tests.browser.journey import axe_check, site_setup, visit
from tests.weegploeg.fixtures import referentiekader_publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNEY = "publiek"


@pytest.mark.convenant_pdf_on_publish
def test_art_11_1_public_reads_convenant_article_annex_pdf_and_an_older_version_with_its_diff(pages):
    site_setup()
    referentiekader_publish(
        [("ID-1", "Uitingen die geweld goedpraten", "Aangescherpte toelichting.")],
        page=ReferentiekaderPage.objects.get(),
    )
    page = pages.new()

    visit(page, "/", JOURNEY)
    assert page.get_by_role("heading", level=1).count() == 1
    page.get_by_role("link", name="Lees het convenant").click()
    page.wait_for_url("**/convenant/")
    axe_check(page, JOURNEY)

    # an article by its anchor, from the table of contents
    page.locator("nav a[href='#artikel-7'], a[href='#artikel-7']").first.click()
    page.wait_for_url("**/convenant/#artikel-7")
    article = page.locator("#artikel-7")
    assert article.is_visible()
    assert "7" in article.inner_text()
    page.goto("/convenant/#artikel-7-lid-3")
    assert page.locator("#artikel-7-lid-3").is_visible()

    # bijlage 3, the referentiekader, with the newly published criterion
    page.get_by_role("link", name="Bijlage 3").first.click()
    page.wait_for_url("**/convenant/bijlage-3/")
    axe_check(page, JOURNEY)
    assert "Uitingen die geweld goedpraten" in page.content()

    # the PDF: download what the link points to (with the page's cookies) and check it is a PDF
    page.goto("/")
    link = page.get_by_role("link", name="Het convenant met bijlagen als PDF")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
    # the edition stored when the referentiekader was published, not one rendered for this request
    assert hashlib.sha256(response.body()).hexdigest() == StoredPdf.objects.defer("content").first().sha256
    assert ".pdf" in response.headers["content-disposition"]
    link.click()  # and the browser opens it without an error page
    page.wait_for_url("**/convenant/pdf/")

    # the older version of bijlage 3, and the diff of the new one against it
    visit(page, "/convenant/bijlage-3/", JOURNEY)
    page.get_by_role("link", name="Alle gepubliceerde versies").click()
    page.wait_for_url("**/versies/")
    axe_check(page, JOURNEY)
    page.get_by_role("link", name="Bekijk versie 1", exact=True).click()
    axe_check(page, JOURNEY)
    assert "versie 1" in page.get_by_role("heading", level=1).inner_text()
    assert "Uitingen die geweld goedpraten" not in page.content()
    page.go_back()
    page.get_by_role("link", name="Bekijk versie 2 en wat er is gewijzigd").click()
    axe_check(page, JOURNEY)
    diff = page.locator(".diff").inner_text()
    assert "Uitingen die geweld goedpraten" in diff


def test_art_11_1_bijlage_2_shows_the_running_flows_as_diagram_with_a_text_alternative(pages):
    from flows.weegploeg import WeegploegFlow

    site_setup()
    page = pages.new()
    visit(page, "/convenant/bijlage-2/", JOURNEY)
    assert "Deze bijlage beschrijft het proces" in page.content()  # the editors' text stays
    diagram = page.locator("#proces-weegploegflow")
    image = diagram.get_by_role("img")
    assert image.get_attribute("alt").startswith("Processchema: Van signaal tot besluit")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")  # the SVG really renders
    steps = diagram.locator("ol.process-steps > li").all_inner_texts()
    # every step of the running flow is in the text alternative, in the flow's own words
    for node in (WeegploegFlow.analyse, WeegploegFlow.decide, WeegploegFlow.information_duty):
        assert any(text.startswith(str(node.task_title)) for text in steps), node.name
    assert page.locator("#proces-casusoverlegflow").count() == 1
    assert page.locator("#proces-rightsrequestflow").count() == 1


def test_art_15_error_pages_404_403_500_are_dutch_and_leak_nothing(pages, settings):
    site_setup()
    page = pages.new()
    response = page.goto("/convenant/bestaat-niet-W-2026-0001/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    assert "W-2026-0001" not in page.locator("main").inner_text()
    axe_check(page, "foutpagina's")

    settings.ROOT_URLCONF = "tests.browser.error_urls"
    settings.OTP_GATE_PUBLIC_PATH_PREFIXES = [*settings.OTP_GATE_PUBLIC_PATH_PREFIXES, "/test-fout/"]
    response = page.goto("/test-fout/403/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Geen toegang"
    assert "geheim" not in page.content()
    axe_check(page, "foutpagina's")

    response = page.goto("/test-fout/500/")
    assert response.status == 500
    assert page.get_by_role("heading", level=1).inner_text() == "Er ging iets mis"
    assert "Jan de Vries" not in page.content()
    assert "Traceback" not in page.content()
    axe_check(page, "foutpagina's")
