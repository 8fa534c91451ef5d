"""Render a Django template to an accessible PDF with WeasyPrint.

One helper for every PDF of the project (the convenant, plans, letters, overviews):

    from pdf.render import render_to_pdf
    pdf_bytes = render_to_pdf("pages/convenant_pdf.html", {"page": page})

* Output is tagged PDF/UA-1 (``pdf/ua-1``): headings, lists and reading order for screen readers;
  the template must set ``<html lang="nl">`` and a ``<title>``.
* Static files (CSS, fonts, images) are read from disk through the staticfiles finders or
  ``STATIC_ROOT``; nothing is ever fetched over the network. Any other URL is refused.
* WeasyPrint is imported inside the function: importing it costs ~0.7 s and most requests never
  need it.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# The base URL documents are rendered against: "/static/css/pdf.css" resolves to
# "file:///static/css/pdf.css", which the fetcher maps to the file on disk.
PDF_BASE_URL = "file:///"
PDF_VARIANT = "pdf/ua-1"


class PDFResourceRefused(ValueError):
    """A PDF template asked for something other than a local static file."""


def static_file_path(url: str) -> Path:
    """The file on disk for a ``file:///static/...`` (or ``/static/...``) URL; refuse anything else."""
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    local = url.removeprefix("file://")
    if not local.startswith(static_prefix):
        raise PDFResourceRefused("Alleen lokale statische bestanden mogen in een PDF worden gebruikt.")
    relative = local[len(static_prefix) :].split("?", 1)[0].split("#", 1)[0]
    if ".." in Path(relative).parts:
        raise PDFResourceRefused("Ongeldig pad naar een statisch bestand.")
    found = finders.find(relative)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        if candidate.is_file():
            return candidate
    raise PDFResourceRefused("Statisch bestand niet gevonden.")


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # heavy (native libraries): first PDF only

    class StaticFilesOnlyFetcher(URLFetcher):
        """Serves static files from disk; every other URL (http, https, data, file) is refused."""

        def fetch(self, url, headers=None):
            path = static_file_path(url)
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime_type})

    return StaticFilesOnlyFetcher


def render_to_pdf(template_name: str, context: dict[str, Any], *, request=None) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes (A4 and layout come from the template's CSS)."""
    import weasyprint  # heavy (native libraries): loaded by the first PDF only

    html = render_to_string(template_name, context, request=request)
    document = weasyprint.HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=_fetcher_class()())
    return document.write_pdf(pdf_variant=PDF_VARIANT)
