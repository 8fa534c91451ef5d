"""The signed convenant (``/convenant/``): its articles, glossary, PDF and version history."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404
from django.utils.text import slugify
from wagtail import blocks as wagtail_blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages import blocks
from pages.models.base import BasePage, VersionedPageMixin
from pages.models.pdf import StoredPdf
from pages.versions import stream_body_plain_text
from parties.models import Party, PartyKind, PartyRole


class ConvenantPage(VersionedPageMixin, BasePage):
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
        from pages.pdf_store import convenant_pdf_current, stored_pdf_response  # imports pages.models: cycle

        return stored_pdf_response(request, convenant_pdf_current(self))

    @path("versies/pdf/<int:pdf_id>/", name="pdf_version")
    def pdf_version_view(self, request, pdf_id: int):
        from pages.pdf_store import stored_pdf_response  # imports pages.models: cycle

        stored = StoredPdf.objects.defer("content").filter(pk=pdf_id).first()  # the bytes only for a 200
        if stored is None:
            raise Http404("Deze PDF-versie bestaat niet.")
        return stored_pdf_response(request, stored)
