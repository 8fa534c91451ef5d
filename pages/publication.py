"""What happens when published content changes (issue 18): one service, called by thin signal receivers.

``published_content_changed`` invalidates the anonymous page cache at once and, after the commit,
stores a new edition of the convenant PDF if what it shows changed, then invalidates again (so a
page rendered between the two never outlives the new PDF). It runs for a publication, an
unpublication (also Wagtail's scheduled go-live / expiry, which publish through the same signals), a
moved or deleted page and every change to the party registry.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from pages.page_cache import public_pages_invalidate
from pages.pdf_store import convenant_pdf_refresh
from parties.models import Party

logger = logging.getLogger(__name__)


def _after_commit() -> None:
    try:
        convenant_pdf_refresh()
    except Exception:  # a failed render must not undo a publication; the PDF view renders on demand
        logger.exception("published_content_changed: de convenant-PDF kon niet worden opgeslagen")
    finally:
        public_pages_invalidate()


def published_content_changed() -> None:
    """Invalidate the public pages now; after the commit, store a new PDF edition when needed."""
    public_pages_invalidate()
    # Several changes in one transaction (an import) queue several calls: the first renders, the
    # others find the stored edition up to date (a few queries each).
    transaction.on_commit(_after_commit)


def _on_page_change(sender, **kwargs) -> None:
    published_content_changed()


def _on_party_change(sender, **kwargs) -> None:
    published_content_changed()


def receivers_connect() -> None:
    page_published.connect(_on_page_change, dispatch_uid="pages.publication.published")
    page_unpublished.connect(_on_page_change, dispatch_uid="pages.publication.unpublished")
    post_page_move.connect(_on_page_change, dispatch_uid="pages.publication.moved")
    post_delete.connect(_on_page_change, sender=Page, dispatch_uid="pages.publication.page_deleted")
    post_save.connect(_on_party_change, sender=Party, dispatch_uid="pages.publication.party_saved")
    post_delete.connect(_on_party_change, sender=Party, dispatch_uid="pages.publication.party_deleted")
