"""The public site: the convenant, its annexes, the referentiekader and the parties (art. 11.1).

Page tree (stable URLs, a contract other parts rely on)::

    /                         HomePage
    /convenant/               ConvenantPage        (#artikel-7, #artikel-7-lid-3, pdf/, versies/, begrippen/)
    /convenant/bijlage-1/     AnnexPage            externe casuspartners (from the party registry)
    /convenant/bijlage-2/     AnnexPage            procesbeschrijving
    /convenant/bijlage-3/     ReferentiekaderPage  criteria as structured data
    /convenant/partijen/      PartiesPage
"""

from __future__ import annotations

import re
from typing import Any

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils.text import slugify
from wagtail import blocks as wagtail_blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Revision
from wagtail.search import index

from pages import blocks
from pages.versions import published_revision, published_versions, sections_diff, stream_body_plain_text
from parties.models import Party, PartyKind, PartyRole

SEARCH_QUERY_MAX_LENGTH = 200


class StoredPdf(models.Model):
    """One rendered edition of the convenant PDF (with its annexes and the party registry).

    A new edition is stored whenever a publication changes what the PDF shows (``pages.pdf_store``);
    old editions stay available from ``/convenant/versies/``. The bytes live in the database, so
    every worker serves the same file without rendering it.
    """

    key = models.CharField(max_length=64, db_index=True, editable=False)
    convenant_revision_id = models.PositiveBigIntegerField(editable=False)
    content = models.BinaryField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    size = models.PositiveIntegerField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "opgeslagen convenant-PDF"
        verbose_name_plural = "opgeslagen convenant-PDF’s"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Convenant-PDF {self.pk} ({self.created_at:%Y-%m-%d %H:%M})"


class PublicCacheMixin:
    """Marks the response of a published page: cacheable for anonymous visitors, never for a logged-in user."""

    def serve(self, request, *args, **kwargs):
        from pages.page_cache import response_mark

        response = super().serve(request, *args, **kwargs)
        response_mark(request, response)
        return response


class VersionedPageMixin(RoutablePageMixin):
    """Adds ``versies/`` (every published version) and ``versies/<id>/`` (that version and its diff)."""

    version_template = "pages/version_detail.html"
    versions_template = "pages/version_list.html"

    def version_sections(self) -> list[tuple[str, str, str]]:  # pragma: no cover - each page type overrides
        """(key, label, plain text) per article or criterion: what the diff compares."""
        raise NotImplementedError

    @path("versies/", name="versions")
    def versions_view(self, request):
        versions = list(reversed(published_versions(self)))
        return self.render(
            request, template=self.versions_template, context_overrides={"versions": versions, "versioned_page": self}
        )

    @path("versies/<int:revision_id>/", name="version")
    def version_view(self, request, revision_id: int):
        try:
            version, previous, revision = published_revision(self, revision_id)
        except LookupError:
            raise Http404("Deze versie bestaat niet of is nooit gepubliceerd.") from None
        old_page = revision.as_object()
        previous_sections = None
        if previous is not None:
            previous_sections = Revision.objects.get(pk=previous.revision_id).as_object().version_sections()
        diff = sections_diff(previous_sections, old_page.version_sections())
        return self.render(
            request,
            template=self.version_template,
            context_overrides={
                "version": version,
                "previous": previous,
                "old_page": old_page,
                "diff": diff,
                "changed_count": sum(1 for d in diff if d.changed),
                "versioned_page": self,
            },
        )


class HomePage(PublicCacheMixin, RoutablePageMixin, Page):
    """The start page: what the casusoverleg is, links to the convenant and to the rights of a betrokkene."""

    intro = RichTextField("inleiding", blank=True, features=["bold", "italic", "link", "ul", "ol"])
    rights_text = RichTextField(
        "uw rechten",
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="Korte uitleg over inzage en correctie (art. 12).",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.ConvenantPage", "intakeforms.IntakeFormPage", "rights.RightsPage"]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("rights_text")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("rights_text")]
    api_fields = [APIField("intro"), APIField("rights_text")]

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


class ConvenantPage(PublicCacheMixin, VersionedPageMixin, Page):
    """The signed convenant: preamble, parties (from the registry), considerations, articles 1–18, signatures."""

    subtitle = models.CharField("ondertitel", max_length=250, blank=True)
    in_force_on = models.DateField("in werking per", null=True, blank=True)
    preamble = StreamField([("section", blocks.SectionBlock())], verbose_name="aanhef", blank=True)
    considerations = StreamField(
        [("consideration", wagtail_blocks.TextBlock(label="overweging"))],
        verbose_name="overwegende dat",
        blank=True,
    )
    articles = StreamField([("article", blocks.ArticleBlock())], verbose_name="artikelen", blank=True)
    signatures = StreamField([("signature", blocks.SignatureBlock())], verbose_name="ondertekening", blank=True)
    footnotes = StreamField([("footnote", blocks.FootnoteBlock())], verbose_name="voetnoten", blank=True)
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.AnnexPage", "pages.ReferentiekaderPage", "pages.PartiesPage"]
    max_count = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("in_force_on"),
        FieldPanel("preamble"),
        FieldPanel("considerations"),
        FieldPanel("articles"),
        FieldPanel("signatures"),
        FieldPanel("footnotes"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("preamble"),
        index.SearchField("considerations"),
        index.SearchField("articles"),
    ]
    api_fields = [
        APIField("subtitle"),
        APIField("in_force_on"),
        APIField("preamble"),
        APIField("considerations"),
        APIField("articles"),
        APIField("signatures"),
        APIField("footnotes"),
    ]

    class Meta:
        verbose_name = "convenant"

    # --- reading helpers -------------------------------------------------------------------
    def article_values(self) -> list[Any]:
        return [child.value for child in self.articles if child.block_type == "article"]

    def article(self, number: int):
        return next((a for a in self.article_values() if a["number"] == number), None)

    def glossary(self) -> list[dict[str, str]]:
        """Art. 1 a–m as a glossary: term, definition, anchor."""
        definitions = self.article(1)
        terms: list[dict[str, str]] = []
        if definitions is None:
            return terms
        for child in definitions["body"]:
            if child.block_type != "items":
                continue
            for item in child.value:
                term, _, definition = item["text"].partition(":")
                if not definition:
                    continue
                slug = slugify(term)
                terms.append(
                    {
                        "label": item["label"],
                        "term": term.strip(),
                        "definition": definition.strip(),
                        "anchor": f"begrip-{slug}",
                        "url": f"{self.url}#begrip-{slug}",
                    }
                )
        return terms

    def convenant_parties(self) -> dict[str, list[Party]]:
        """The parties, read from the registry (never retyped): kernpartijen and casuspartijen."""
        parties = list(Party.objects.filter(role__in=[PartyRole.KERNPARTIJ, PartyRole.CASUSPARTIJ]))
        order = {PartyKind.GEMEENTE: 0, PartyKind.OPENBAAR_MINISTERIE: 1, PartyKind.POLITIE: 2}
        kern = sorted(
            (p for p in parties if p.role == PartyRole.KERNPARTIJ), key=lambda p: (order.get(p.kind, 9), p.name)
        )
        casus = sorted((p for p in parties if p.role == PartyRole.CASUSPARTIJ), key=lambda p: (p.kind, p.name))
        return {"Kernpartijen": kern, "Casuspartijen": casus}

    def annexes(self):
        return self.get_children().live().public().specific().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["party_groups"] = self.convenant_parties()
        context["glossary"] = self.glossary()
        context["annexes"] = self.annexes()
        return context

    def version_sections(self) -> list[tuple[str, str, str]]:
        sections: list[tuple[str, str, str]] = []
        for child in self.preamble:
            heading = child.value["heading"]
            sections.append((f"aanhef-{slugify(heading)}", heading, stream_body_plain_text(child.value["body"])))
        sections.append(("overwegingen", "Overwegende dat", " ".join(str(c.value) for c in self.considerations)))
        for article in self.article_values():
            sections.append(
                (
                    f"artikel-{article['number']}",
                    f"Artikel {article['number']} {article['title']}",
                    stream_body_plain_text(article["body"]),
                )
            )
        signature_text = " ".join(
            f"{s.value['party']} {s.value['representative']} {s.value['date']}" for s in self.signatures
        )
        sections.append(("ondertekening", "Ondertekening", signature_text))
        return sections

    @path("begrippen/", name="glossary")
    def glossary_view(self, request):
        return self.render(request, template="pages/glossary.html")

    def stored_pdfs(self):
        """Every stored edition of the PDF, newest first (without the bytes)."""
        return StoredPdf.objects.defer("content")

    @path("pdf/", name="pdf")
    def pdf_view(self, request):
        from pages.pdf_store import convenant_pdf_current, stored_pdf_response

        return stored_pdf_response(request, convenant_pdf_current(self))

    @path("versies/pdf/<int:pdf_id>/", name="pdf_version")
    def pdf_version_view(self, request, pdf_id: int):
        from pages.pdf_store import stored_pdf_response

        stored = StoredPdf.objects.filter(pk=pdf_id).first()
        if stored is None:
            raise Http404("Deze PDF-versie bestaat niet.")
        return stored_pdf_response(request, stored)


class AnnexPage(PublicCacheMixin, VersionedPageMixin, Page):
    """An annex (bijlage) to the convenant, maintained by the policy editors through review."""

    annex_kind = "bijlage"
    number = models.PositiveSmallIntegerField("bijlagenummer")
    is_concept = models.BooleanField(
        "concept", default=True, help_text="Toont bovenaan dat de tekst nog door de beleidsredacteuren wordt aangevuld."
    )
    body = StreamField(blocks.AnnexBodyBlock(), verbose_name="tekst", blank=True)
    lists_external_partners = models.BooleanField(
        "toon de externe casuspartners uit het partijenregister",
        default=False,
        help_text="Voor bijlage 1: de lijst komt uit het partijenregister en wordt niet overgetypt.",
    )

    parent_page_types = ["pages.ConvenantPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("number"), FieldPanel("is_concept"), FieldPanel("lists_external_partners")]),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    api_fields = [APIField("number"), APIField("is_concept"), APIField("body"), APIField("external_partners")]

    class Meta:
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"

    @property
    def external_partners(self) -> list[dict[str, Any]]:
        if not self.lists_external_partners:
            return []
        return [
            {"name": p.name, "joined_on": p.joined_on, "participation_ends_on": p.participation_ends_on}
            for p in Party.objects.filter(role=PartyRole.EXTERNE_CASUSPARTNER).order_by("name")
        ]

    def version_sections(self) -> list[tuple[str, str, str]]:
        sections: list[tuple[str, str, str]] = []
        label, parts = "Inleiding", []
        for child in self.body:
            if child.block_type == "heading":
                if parts or label != "Inleiding":
                    sections.append((f"kop-{slugify(label)}", label, " ".join(parts)))
                label, parts = str(child.value), []
            else:
                parts.append(stream_body_plain_text([child]))
        sections.append((f"kop-{slugify(label)}", label, " ".join(parts)))
        return sections


class ReferentiekaderPage(PublicCacheMixin, VersionedPageMixin, Page):
    """Bijlage 3: the referentiekader; its criteria are structured data (theme → code, title, guidance)."""

    annex_kind = "referentiekader"
    number = models.PositiveSmallIntegerField("bijlagenummer", default=3)
    is_concept = models.BooleanField("concept", default=True)
    intro = RichTextField("inleiding", blank=True, features=["bold", "italic", "link", "ul", "ol"])
    criteria = StreamField(blocks.CriteriaBlock(), verbose_name="criteria per thema", blank=True)

    parent_page_types = ["pages.ConvenantPage"]
    subpage_types: list[str] = []
    max_count = 1

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("number"), FieldPanel("is_concept")]),
        FieldPanel("intro"),
        FieldPanel("criteria"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("criteria")]
    api_fields = [APIField("number"), APIField("is_concept"), APIField("intro"), APIField("criteria")]

    class Meta:
        verbose_name = "referentiekader"

    def criteria_list(self) -> list[dict[str, str]]:
        result: list[dict[str, str]] = []
        for child in self.criteria:
            for criterion in child.value["criteria"]:
                result.append(
                    {
                        "theme": child.value["title"],
                        "code": criterion["code"],
                        "title": criterion["title"],
                        "guidance": criterion["guidance"],
                    }
                )
        return result

    def version_sections(self) -> list[tuple[str, str, str]]:
        return [
            (
                f"criterium-{c['code']}",
                f"{c['code']} {c['title']}",
                f"{c['title']}. {c['guidance']} (thema: {c['theme']})",
            )
            for c in self.criteria_list()
        ]


# Art. 2: which lettered item states the statutory tasks of each kind of party.
ARTICLE_2_LETTER_FOR_KIND = {
    PartyKind.GEMEENTE: "a",
    PartyKind.POLITIE: "b",
    PartyKind.OPENBAAR_MINISTERIE: "c",
    PartyKind.RAAD_KINDERBESCHERMING: "d",
    PartyKind.RECLASSERING: "e",
}


class PartiesPage(PublicCacheMixin, Page):
    """The parties: current and former, with kind, role, dates and the statutory tasks of art. 2."""

    intro = RichTextField("inleiding", blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["pages.ConvenantPage"]
    subpage_types: list[str] = []
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("parties")]

    class Meta:
        verbose_name = "partijenoverzicht"

    def statutory_tasks(self) -> dict[str, str]:
        convenant = ConvenantPage.objects.live().first()
        article = convenant.article(2) if convenant else None
        by_letter: dict[str, str] = {}
        if article is not None:
            for child in article["body"]:
                if child.block_type == "items":
                    for item in child.value:
                        by_letter[re.sub(r"\W", "", item["label"])] = item["text"]
        return {kind: by_letter.get(letter, "") for kind, letter in ARTICLE_2_LETTER_FOR_KIND.items()}

    @property
    def parties(self) -> list[dict[str, Any]]:
        return [
            {
                "name": p.name,
                "kind": p.get_kind_display(),
                "role": p.get_role_display(),
                "joined_on": p.joined_on,
                "participation_ends_on": p.participation_ends_on,
                "participating": p.is_participating(),
            }
            for p in Party.objects.all()
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tasks = self.statutory_tasks()
        all_parties = list(Party.objects.all())
        context["current_parties"] = [p for p in all_parties if p.is_participating()]
        context["former_parties"] = [p for p in all_parties if not p.is_participating()]
        context["tasks_per_kind"] = [(PartyKind(kind).label, text) for kind, text in tasks.items() if text]
        return context
