"""Business logic of the public site: import the signed convenant, set up the page tree, render the PDF."""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from pages.convenant_text import Block, ConvenantText, Item, convenant_parse
from pages.models import AnnexPage, ConvenantPage, HomePage, PartiesPage, ReferentiekaderPage
from pages.permissions import pages_permissions_sync

logger = logging.getLogger(__name__)

CONVENANT_TITLE = "Convenant casusoverleg ter voorkoming van radicalisering en extremisme"
CONVENANT_SUBTITLE = (
    "Regio Limburg – 31 gemeenten, het Openbaar Ministerie en de politie, "
    "met de Raad voor de kinderbescherming en de Reclassering"
)
CONVENANT_IN_FORCE = datetime.date(2019, 3, 1)  # art. 18.1
HOME_TITLE = "Casusoverleg radicalisering en extremisme Limburg"

DUTCH_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januari", "februari", "maart", "april", "mei", "juni",
            "juli", "augustus", "september", "oktober", "november", "december",
        ],
        start=1,
    )
}  # fmt: skip


@dataclass
class ImportResult:
    home_created: bool = False
    convenant_status: str = "ongewijzigd"  # "aangemaakt" | "bijgewerkt" | "ongewijzigd"
    pages_created: list[str] = field(default_factory=list)
    site_root_changed: bool = False

    @property
    def changed(self) -> bool:
        return (
            self.home_created
            or self.convenant_status != "ongewijzigd"
            or bool(self.pages_created)
            or (self.site_root_changed)
        )


def dutch_date_parse(text: str) -> datetime.date:
    """ "7 januari 2020" → date(2020, 1, 7); ``ValueError`` with a Dutch message otherwise."""
    match = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})", text.strip().lower())
    if not match or match[2] not in DUTCH_MONTHS:
        raise ValueError(f"Onleesbare datum in de ondertekening: “{text}”.")
    return datetime.date(int(match[3]), DUTCH_MONTHS[match[2]], int(match[1]))


# --- from parsed text to StreamField data ---------------------------------------------------------


def _items_data(items: list[Item]) -> list[dict[str, Any]]:
    return [
        {
            "label": item.label,
            "text": item.text,
            "subitems": [{"label": sub.label, "text": sub.text} for sub in item.subitems],
        }
        for item in items
    ]


def _body_data(blocks: list[Block]) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = []
    for block in blocks:
        if block.kind == "paragraph":
            data.append({"type": "paragraph", "value": block.text})
        elif block.kind == "items":
            data.append({"type": "items", "value": _items_data(block.items)})
        elif block.lid is not None:
            lid = block.lid
            value = {"number": lid.number, "text": lid.text, "items": _items_data(lid.items)}
            data.append({"type": "lid", "value": value})
    return data


def convenant_stream_data(parsed: ConvenantText) -> dict[str, list[dict[str, Any]]]:
    """The ConvenantPage field values for a parsed text (raw StreamField data)."""
    return {
        "preamble": [
            {"type": "section", "value": {"heading": s.heading, "body": _body_data(s.blocks)}} for s in parsed.preamble
        ],
        "considerations": [{"type": "consideration", "value": text} for text in parsed.considerations],
        "articles": [
            {"type": "article", "value": {"number": a.number, "title": a.title, "body": _body_data(a.blocks)}}
            for a in parsed.articles
        ],
        "signatures": [
            {
                "type": "signature",
                "value": {
                    "party": s.party,
                    "representative": s.representative,
                    "date": dutch_date_parse(s.date_text).isoformat(),
                },
            }
            for s in parsed.signatures
        ],
        "footnotes": [{"type": "footnote", "value": {"number": f.number, "text": f.text}} for f in parsed.footnotes],
    }


# --- page tree ------------------------------------------------------------------------------------


def home_page_ensure() -> tuple[HomePage, bool, bool]:
    """The HomePage, created if missing and made the root of the default site.

    Returns (home, created, site_root_changed). Wagtail's placeholder "Welcome" page is removed
    once the HomePage has taken its place (only if it is a bare page without children).
    """
    created = False
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        home = HomePage(
            title=HOME_TITLE,
            slug="casusoverleg",
            intro=(
                "<p>Op deze site staat het convenant waarin gemeenten, politie en Openbaar Ministerie in Limburg "
                "afspreken hoe zij samen radicalisering en extremisme voorkomen, en hoe zij daarbij met "
                "persoonsgegevens omgaan. Het convenant en de bijlagen zijn openbaar (artikel 11, eerste lid).</p>"
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        created = True
    site = Site.objects.filter(is_default_site=True).first()
    site_root_changed = False
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=HOME_TITLE)
        site_root_changed = True
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.save()
        site_root_changed = True
        if old_root.specific_class is Page and old_root.depth == 2 and not old_root.get_children().exists():
            old_root.delete()
    return home, created, site_root_changed


def _publish_new(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def convenant_page_upsert(home: HomePage, parsed: ConvenantText) -> tuple[ConvenantPage, str]:
    """Create or update the convenant page from the parsed text; unchanged text changes nothing."""
    page = ConvenantPage.objects.first()
    if page is not None and page.source_checksum == parsed.checksum and page.live and not page.has_unpublished_changes:
        return page, "ongewijzigd"
    data = convenant_stream_data(parsed)
    if page is None:
        page = ConvenantPage(title=CONVENANT_TITLE, slug="convenant", subtitle=CONVENANT_SUBTITLE)
        status = "aangemaakt"
    else:
        page = page.get_latest_revision_as_object()
        status = "bijgewerkt"
    page.in_force_on = CONVENANT_IN_FORCE
    page.source_checksum = parsed.checksum
    for name, value in data.items():
        setattr(page, name, value)
    if status == "aangemaakt":
        _publish_new(home, page)
    else:
        page.save_revision(log_action=True).publish()
    return page, status


ANNEX_1_BODY = [
    {"type": "heading", "value": "Over deze bijlage"},
    {
        "type": "paragraph",
        "value": (
            "<p>Externe casuspartners zijn derden die noodzakelijk zijn bij het opstellen, uitvoeren of monitoren "
            "van het integraal plan van aanpak (artikel 1, onder c). Zij hebben alleen toegang tot het integraal "
            "plan van aanpak (artikel 10, vijfde lid).</p>"
            "<p><b>Deze bijlage wordt aangevuld door de beleidsredacteuren.</b> De lijst hieronder komt rechtstreeks "
            "uit het partijenregister.</p>"
        ),
    },
]
ANNEX_2_BODY = [
    {"type": "heading", "value": "Over deze bijlage"},
    {
        "type": "paragraph",
        "value": (
            "<p>Deze bijlage beschrijft het proces van signaal tot afsluiting: het signaal komt via een kernpartij "
            "binnen bij de weegploeg (artikel 7), de weegploeg weegt het aan de hand van het referentiekader, en "
            "agendeert het subject zo nodig in het casusoverleg, dat een integraal plan van aanpak opstelt en "
            "monitort (artikel 9).</p>"
            "<p><b>Deze bijlage wordt aangevuld door de beleidsredacteuren.</b> Hieronder staat het "
            "processchema, dat automatisch uit de werkende processen van het systeem wordt gemaakt.</p>"
        ),
    },
]

# A small, plausible draft for the policy editors to complete (bijlage 3; art. 1g, art. 7.3).
REFERENTIEKADER_DRAFT: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    ("Ideologie", "Uitingen van een extremistisch gedachtegoed.", [
        ("ID-1", "Verheerlijkt geweld voor een ideologisch doel",
         "Uitingen (online of offline) waarin geweld tegen andersdenkenden of de rechtsorde wordt "
         "goedgepraat of verheerlijkt."),
        ("ID-2", "Wijst de democratische rechtsorde af",
         "Verwerpt openlijk wetten, rechtspraak of democratische besluitvorming en roept op tot het "
         "negeren daarvan."),
    ]),
    ("Gedrag", "Feitelijke gedragingen die kunnen wijzen op radicalisering (art. 1h).", [
        ("GE-1", "Plotselinge breuk met de omgeving",
         "Zich in korte tijd afkeren van familie, vrienden, school of werk, samen met een nieuwe "
         "ideologische oriëntatie."),
        ("GE-2", "Voorbereidingshandelingen",
         "Belangstelling voor wapens, explosieven of doelwitten; oefenen of verzamelen van middelen."),
    ]),
    ("Netwerk", "Contacten die het risico vergroten.", [
        ("NE-1", "Contact met extremistische personen of groepen",
         "Aantoonbaar contact met personen of groepen die als extremistisch bekendstaan, online of offline."),
    ]),
    ("Uitreizen en terugkeer",
     "Signalen van (voorgenomen) uitreis naar of terugkeer uit een jihadistisch strijdgebied (art. 1j, 1k).", [
        ("UT-1", "Voorbereiding van een uitreis",
         "Verkoop van bezittingen, aanvraag van reisdocumenten of afscheid nemen, met aanwijzingen voor "
         "een reis naar een strijdgebied."),
        ("UT-2", "Terugkeer uit een strijdgebied",
         "De persoon is teruggekeerd uit een jihadistisch strijdgebied of is een achterblijver (art. 1a)."),
    ]),
    ("Kwetsbaarheid", "Omstandigheden die iemand vatbaar maken voor beïnvloeding.", [
        ("KW-1", "Psychische of sociale kwetsbaarheid",
         "Psychische problematiek, isolement, schulden of een ingrijpende gebeurtenis die de "
         "weerbaarheid verkleint."),
        ("KW-2", "Minderjarigheid",
         "De persoon is minderjarig, of minderjarigen in het gezin lopen risico in hun ontwikkeling (art. 3)."),
    ]),
    ("Beschermende factoren", "Factoren die het risico verkleinen; de weegploeg weegt ze mee.", [
        ("BF-1", "Steunend netwerk",
         "Familie, vrienden of hulpverleners die positief contact houden en invloed hebben."),
        ("BF-2", "Dagbesteding en perspectief",
         "School, werk of een andere zinvolle dagbesteding en een toekomstperspectief."),
    ]),
]  # fmt: skip


def referentiekader_draft_data() -> list[dict[str, Any]]:
    return [
        {
            "type": "theme",
            "value": {
                "title": title,
                "description": description,
                "criteria": [{"code": c, "title": t, "guidance": g} for c, t, g in criteria],
            },
        }
        for title, description, criteria in REFERENTIEKADER_DRAFT
    ]


def annex_pages_ensure(convenant: ConvenantPage) -> list[str]:
    """Create the annexes and the parties page when missing; never touch what editors wrote."""
    created: list[str] = []
    children = {child.slug for child in convenant.get_children()}
    if "bijlage-1" not in children:
        _publish_new(
            convenant,
            AnnexPage(
                title="Bijlage 1: Externe casuspartners",
                slug="bijlage-1",
                number=1,
                body=ANNEX_1_BODY,
                lists_external_partners=True,
            ),
        )
        created.append("bijlage-1")
    if "bijlage-2" not in children:
        _publish_new(
            convenant, AnnexPage(title="Bijlage 2: Procesbeschrijving", slug="bijlage-2", number=2, body=ANNEX_2_BODY)
        )
        created.append("bijlage-2")
    if "bijlage-3" not in children:
        _publish_new(
            convenant,
            ReferentiekaderPage(
                title="Bijlage 3: Referentiekader",
                slug="bijlage-3",
                number=3,
                intro=(
                    "<p>Het referentiekader geeft de objectieve criteria waarmee de weegploeg bepaalt of een "
                    "persoonsgerichte, integrale benadering van het subject noodzakelijk is (artikel 1, onder g, en "
                    "artikel 7, derde lid).</p><p><b>Concept:</b> deze criteria zijn een eerste opzet die de "
                    "beleidsredacteuren aanvullen en laten goedkeuren.</p>"
                ),
                criteria=referentiekader_draft_data(),
            ),
        )
        created.append("bijlage-3")
    if "partijen" not in children:
        _publish_new(
            convenant,
            PartiesPage(
                title="Partijen bij het convenant",
                slug="partijen",
                intro=(
                    "<p>Alle partijen uit het partijenregister: wie nu deelneemt en wie heeft opgezegd "
                    "(artikel 18).</p>"
                ),
            ),
        )
        created.append("partijen")
    return created


@transaction.atomic
def convenant_import(path: str | Path | None = None) -> ImportResult:
    """Build or update the public site from the signed text (idempotent: a second run changes nothing)."""
    source = Path(path) if path else Path(settings.CONVENANT_TEXT_PATH)
    parsed = convenant_parse(source.read_text(encoding="utf-8"))
    result = ImportResult()
    home, result.home_created, result.site_root_changed = home_page_ensure()
    convenant, result.convenant_status = convenant_page_upsert(home, parsed)
    result.pages_created = annex_pages_ensure(convenant)
    pages_permissions_sync()
    logger.info(
        "convenant_import: convenant %s, nieuwe pagina's: %s", result.convenant_status, len(result.pages_created)
    )
    return result


# --- PDF ----------------------------------------------------------------------------------------


def convenant_pdf_context(page: ConvenantPage) -> dict[str, Any]:
    annexes = list(page.annexes().exclude(slug="partijen"))
    annexes = [a for a in annexes if isinstance(a, AnnexPage | ReferentiekaderPage)]
    annexes.sort(key=lambda a: a.number)
    # The edition's date: the latest publication of the convenant or one of its annexes.
    dates = [p.last_published_at for p in [page, *annexes] if p.last_published_at]
    version_date = max(dates) if dates else timezone.now()
    return {
        "page": page,
        "annexes": annexes,
        "party_groups": page.convenant_parties(),
        "version_date": timezone.localtime(version_date),
    }
