"""The public page 'Uw rechten' (art. 12): how the subject or a legal representative asks."""

from __future__ import annotations

from pages.models import HomePage
from rights.models import RightsPage


def rights_page_ensure():
    """The published 'Uw rechten' page under the home page at /uw-rechten/ (created once)."""
    existing = RightsPage.objects.first()
    if existing is not None:
        return existing, False
    home = HomePage.objects.first()
    if home is None:
        raise LookupError("Er is nog geen startpagina; voer eerst ‘manage.py import_convenant’ uit.")
    page = RightsPage(
        title="Uw rechten",
        slug="uw-rechten",
        seo_title="Uw rechten: inzage en correctie",
        search_description="Hoe u of uw wettelijk vertegenwoordiger inzage of correctie vraagt (artikel 12).",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page, True
