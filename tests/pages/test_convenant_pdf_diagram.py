"""Issue 14 item 8: bijlage 2 in the convenant PDF holds the process diagrams — the same SVG as
the public page (pages/process_diagrams.py) — as a drawing on the page, not only as text."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from pages.process_diagrams import process_diagrams


def _drawings(page) -> list[str]:
    """The subtypes of the XObjects (images, vector forms) that ``page``'s content actually draws
    (``/Name Do``; the renderer may share one resource dictionary between pages)."""
    resources = page.get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    content = page.get_contents().get_data().decode("latin-1")
    drawn = set(re.findall(r"(/[A-Za-z0-9_.]+)\s+Do\b", content))
    return [str(xobjects[name].get_object().get("/Subtype")) for name in xobjects if name in drawn]


@pytest.mark.django_db
def test_art_11_1_bijlage_2_in_the_pdf_contains_the_process_diagram(site, client):
    response = client.get("/convenant/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    texts = [page.extract_text() or "" for page in reader.pages]
    start = next(
        i for i, text in enumerate(texts) if "Bijlage 2: Procesbeschrijving" in text and "Processchema" in text
    )
    end = next(i for i, text in enumerate(texts) if i > start and "Bijlage 3: Referentiekader" in text)
    annex_pages = reader.pages[start:end] or [reader.pages[start]]
    drawn = [kind for page in annex_pages for kind in _drawings(page)]
    assert drawn, "bijlage 2 heeft geen tekening"
    assert set(drawn) <= {"/Form", "/Image"}
    annex_text = "\n".join(texts[start:end])
    for diagram in process_diagrams():
        assert diagram.heading[:40] in " ".join(annex_text.split())


@pytest.mark.django_db
def test_art_11_1_the_pdf_html_embeds_the_same_svg_as_the_site(site):
    from django.template.loader import render_to_string

    site_html = render_to_string("pages/includes/process_diagrams.html")
    pdf_html = render_to_string("pages/includes/process_diagrams_pdf.html")
    for diagram in process_diagrams():
        assert diagram.svg_data_uri in site_html
        assert diagram.svg in pdf_html  # inline: the PDF renderer fetches no data: URLs


@pytest.mark.django_db
def test_art_11_1_the_pdf_diagrams_have_unique_ids_and_each_arrow_uses_its_own_diagrams_marker(site):
    """The PDF puts every diagram inline in one document: an id used twice is an anchor defined twice
    (WeasyPrint warned for each), and an arrow could take another diagram's marker."""
    from django.template.loader import render_to_string

    pdf_html = render_to_string("pages/includes/process_diagrams_pdf.html")
    ids = re.findall(r'\sid="([^"]+)"', pdf_html)
    assert ids
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for diagram in process_diagrams():
        own = set(re.findall(r'\sid="([^"]+)"', diagram.svg))
        references = re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', diagram.svg)
        assert references
        assert {url or href for url, href in references} <= own
