"""pdf.render.render_to_pdf: the one PDF helper (A4, tagged PDF/UA-1, static files from disk only)."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from pdf.render import PDFResourceRefused, render_to_pdf, static_file_path


def test_issue_3_7_render_to_pdf_returns_a_tagged_pdf_ua_document_with_a_local_stylesheet(tmp_path, settings):
    template_dir = tmp_path / "templates"
    template_dir.mkdir()
    (template_dir / "probe.html").write_text(
        '{% load static %}<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title>'
        '<link rel="stylesheet" href="{% static \'css/pdf.css\' %}"></head>'
        "<body><h1>Proefdocument</h1><p>{{ tekst }}</p></body></html>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [template_dir, *settings.TEMPLATES[0]["DIRS"]]}]
    data = render_to_pdf("probe.html", {"tekst": "Hallo Limburg"})
    assert data.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(data))
    assert "Hallo Limburg" in reader.pages[0].extract_text()
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged
    assert root["/MarkInfo"]["/Marked"]
    assert root.get("/Lang") == "nl"
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()  # PDF/UA identification (XMP)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert round(width) == 595
    assert round(height) == 842


def test_issue_3_7_static_files_come_from_disk_and_nothing_else_is_fetched():
    assert static_file_path("file:///static/css/pdf.css").name == "pdf.css"
    for url in [
        "https://example.com/x.css",
        "http://127.0.0.1:8000/static/css/site.css",
        "file:///etc/passwd",
        "file:///static/../config/settings/base.py",
        "file:///static/css/bestaat-niet.css",
    ]:
        with pytest.raises(PDFResourceRefused):
            static_file_path(url)
