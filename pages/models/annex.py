"""The annexes to the convenant: bijlage 1 and 2 (``AnnexPage``) and bijlage 3, the
referentiekader (``ReferentiekaderPage``), each with its public version history."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages import blocks
from pages.models.base import BasePage, IntroPage, VersionedPageMixin
from pages.versions import stream_body_plain_text
from parties.models import Party, PartyRole


class AnnexPage(VersionedPageMixin, BasePage):
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


class ReferentiekaderPage(VersionedPageMixin, IntroPage):
    """Bijlage 3: the referentiekader; its criteria are structured data (theme → code, title, guidance)."""

    annex_kind = "referentiekader"
    number = models.PositiveSmallIntegerField("bijlagenummer", default=3)
    is_concept = models.BooleanField("concept", default=True)
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
    search_fields = [*IntroPage.search_fields, index.SearchField("criteria")]
    api_fields = [APIField("number"), APIField("is_concept"), *IntroPage.api_fields, APIField("criteria")]

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
