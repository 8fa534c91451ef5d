"""The convenant PDF, rendered once per published edition and served from the database (issue 18).

A publication of the convenant or an annex, or a change in the party registry, calls
``convenant_pdf_refresh`` (through ``pages.publication``): when what the PDF shows has changed it
renders once and stores a new ``StoredPdf``. ``/convenant/pdf/`` serves the newest stored edition
with ``ETag``/``Last-Modified`` and answers ``304`` to a conditional request; every older edition
stays available from ``/convenant/versies/``. On a fresh database the first request renders once.
"""

from __future__ import annotations

import hashlib
import logging

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from pages.models import ConvenantPage, StoredPdf
from pages.services import convenant_pdf_context
from parties.models import Party
from pdf.render import render_to_pdf

logger = logging.getLogger(__name__)

PDF_FILENAME = "convenant-casusoverleg-limburg.pdf"


def convenant_pdf_key(page: ConvenantPage) -> str:
    """What the PDF shows, as a hash: the live revision of the convenant and each annex, and the parties."""
    annexes = convenant_pdf_context(page)["annexes"]
    parts = ";".join(f"{p.pk}.{p.live_revision_id}" for p in [page, *annexes])
    party_rows = Party.objects.order_by("pk").values_list("name", "kind", "role", "joined_on", "participation_ends_on")
    return hashlib.sha256(f"{parts}|{list(party_rows)!r}".encode()).hexdigest()


def convenant_pdf_store(page: ConvenantPage, key: str) -> StoredPdf:
    """Render the PDF of ``page`` as it is live now and store it as a new edition."""
    content = render_to_pdf("pages/convenant_pdf.html", convenant_pdf_context(page))
    stored = StoredPdf.objects.create(
        key=key,
        convenant_revision_id=page.live_revision_id or 0,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    logger.info("convenant_pdf_store: editie %s opgeslagen (%s bytes)", stored.pk, stored.size)
    return stored


def convenant_pdf_refresh() -> StoredPdf | None:
    """Store a new edition if the live convenant, its annexes or the parties changed; None if nothing is live."""
    page = ConvenantPage.objects.live().first()
    if page is None:
        return None
    key = convenant_pdf_key(page)
    latest = StoredPdf.objects.defer("content").first()
    if latest is not None and latest.key == key:
        return latest
    return convenant_pdf_store(page, key)


def convenant_pdf_current(page: ConvenantPage) -> StoredPdf:
    """The newest stored edition; rendered and stored once if there is none yet (fresh database).
    Its bytes are loaded only when they are sent: a conditional request answered ``304`` skips them."""
    stored = StoredPdf.objects.defer("content").first()
    if stored is None:
        stored = convenant_pdf_store(page, convenant_pdf_key(page))
    return stored


def stored_pdf_response(request: HttpRequest, stored: StoredPdf) -> HttpResponse:
    """The stored bytes with validators; ``304 Not Modified`` when the client already has them."""
    etag = f'"{stored.sha256}"'
    last_modified = stored.created_at.timestamp()
    not_modified = get_conditional_response(request, etag=etag, last_modified=int(last_modified))
    if not_modified is not None:
        response = not_modified
    else:
        response = HttpResponse(bytes(stored.content), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{PDF_FILENAME}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response
