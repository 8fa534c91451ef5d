"""The start page (``/``) and the site search (``/zoeken/``)."""

from __future__ import annotations

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pages.models.base import INTRO_FEATURES, IntroPage

SEARCH_QUERY_MAX_LENGTH = 200


class HomePage(IntroPage):
    """The start page: what the casusoverleg is, links to the convenant and to the rights of a betrokkene."""

    rights_text = RichTextField(
        "uw rechten",
        blank=True,
        features=INTRO_FEATURES,
        help_text="Korte uitleg over inzage en correctie (art. 12).",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.ConvenantPage", "intakeforms.IntakeFormPage", "rights.RightsPage"]
    max_count = 1

    content_panels = [*IntroPage.content_panels, FieldPanel("rights_text")]
    search_fields = [*IntroPage.search_fields, index.SearchField("rights_text")]
    api_fields = [*IntroPage.api_fields, APIField("rights_text")]

    class Meta:
        verbose_name = "startpagina"

    @path("zoeken/", name="search")
    def search_view(self, request):
        query = (request.GET.get("q") or "").strip()[:SEARCH_QUERY_MAX_LENGTH]
        # Only words reach the full-text engine: quotes, operators and control characters are
        # syntax there (SQLite FTS5 / PostgreSQL tsquery) and would turn odd input into an error.
        terms = " ".join(re.findall(r"\w+", query))
        results = None
        page_obj = None
        if terms:
            searchable = (
                Page.objects.live()
                .public()
                .descendant_of(self, inclusive=True)
                .specific()
                .search(terms, operator="and")
            )
            paginator = Paginator(searchable, 10)
            try:
                page_obj = paginator.page(request.GET.get("pagina") or 1)
            except (PageNotAnInteger, EmptyPage):
                page_obj = paginator.page(1)
            results = list(page_obj.object_list)
        return self.render(
            request,
            template="pages/search.html",
            context_overrides={"query": query, "results": results, "page_obj": page_obj},
        )
