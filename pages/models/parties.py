"""The parties overview (``/convenant/partijen/``): read from the party registry, never retyped."""

from __future__ import annotations

import re
from typing import Any

from wagtail.api import APIField

from pages.models.base import IntroPage
from pages.models.convenant import ConvenantPage
from parties.models import Party, PartyKind

# Art. 2: which lettered item states the statutory tasks of each kind of party.
ARTICLE_2_LETTER_FOR_KIND = {
    PartyKind.GEMEENTE: "a",
    PartyKind.POLITIE: "b",
    PartyKind.OPENBAAR_MINISTERIE: "c",
    PartyKind.RAAD_KINDERBESCHERMING: "d",
    PartyKind.RECLASSERING: "e",
}


class PartiesPage(IntroPage):
    """The parties: current and former, with kind, role, dates and the statutory tasks of art. 2."""

    parent_page_types = ["pages.ConvenantPage"]
    subpage_types: list[str] = []
    max_count = 1

    content_panels = IntroPage.content_panels
    search_fields = IntroPage.search_fields
    api_fields = [*IntroPage.api_fields, APIField("parties")]

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
