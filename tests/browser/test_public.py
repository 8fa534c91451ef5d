"""The public journey in a real browser (art. 2, 12, 18: the published convenant and its versions)."""

from __future__ import annotations

import pytest

from pages.models import ReferentiekaderPage
from tests.browser.journey import axe_check, site_setup, visit
from tests.weegploeg.fixtures import referentiekader_publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNEY = "publiek"


def test_art_18_public_reads_convenant_article_annex_pdf_and_an_older_version_with_its_diff(pages):
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
