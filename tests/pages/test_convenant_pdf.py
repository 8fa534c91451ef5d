"""/convenant/pdf/: the convenant with its annexes as one PDF (art. 11.1), word for word."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.pages.textutil import no_space, signed_article


@pytest.mark.django_db
def test_art_11_1_pdf_has_every_article_word_for_word_and_the_annexes(site, client, signed_text):
    response = client.get("/convenant/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    assert "Versie van" in pages[0]  # title page with the version date
    assert "Inhoud" in pages[1]  # table of contents
    # Strip the running header and the page numbers, then compare without whitespace.
    header_lines = {site.title, "Dreiging", "Taken en verantwoordelijkheden", "Verdediging en versterking rechtsorde"}
    header_lines |= {"Partijen", "Overwegende dat", "Artikelen", "Ondertekening", "Voetnoten"}
    header_lines |= {annex.title for annex in site.annexes()}
    body_lines = []
    for text in pages[2:]:
        for line in text.splitlines():
            stripped = line.strip()
            running_header = stripped.startswith(site.title)  # "<title> <section>" at the top of each page
            if re.fullmatch(r"Pagina \d+ van \d+", stripped) or stripped in header_lines or running_header:
                continue
            body_lines.append(line)
    body = no_space("\n".join(body_lines).replace("•", ""))  # list markers drawn by CSS
    for number in range(1, 19):
        assert no_space(signed_article(signed_text, number)) in body, f"artikel {number}"
    everything = "\n".join(pages)
    for heading in ["Bijlage 1: Externe casuspartners", "Bijlage 2: Procesbeschrijving", "Bijlage 3: Referentiekader"]:
        assert heading in everything
    assert "ID-1" in everything
    assert re.search(r"Pagina 3 van \d+", everything)
    # The articles come before the annexes.
    after_articles = everything.index("Artikel 18", everything.index("Spreken het volgende af"))
    assert "Bijlage 3: Referentiekader" in everything[after_articles:]
