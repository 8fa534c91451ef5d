"""The published convenant on the public site (art. 11.1): word for word, parties, anchors, accessibility."""

from __future__ import annotations

import itertools
import re

import pytest
from bs4 import BeautifulSoup

from parties.models import Party
from parties.services import GEMEENTEN
from tests.factories import PartyFactory, UserFactory
from tests.helpers import verified_client
from tests.pages.textutil import html_section_text, no_space, signed_article

PUBLIC_URLS = [
    "/",
    "/convenant/",
    "/convenant/bijlage-1/",
    "/convenant/bijlage-2/",
    "/convenant/bijlage-3/",
    "/convenant/partijen/",
    "/convenant/versies/",
    "/convenant/bijlage-1/versies/",
    "/convenant/bijlage-2/versies/",
    "/convenant/bijlage-3/versies/",
    "/convenant/begrippen/",
    "/zoeken/",
    "/zoeken/?q=weegploeg",
]


@pytest.fixture
def convenant_html(site, client) -> bytes:
    response = client.get("/convenant/")
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
@pytest.mark.parametrize("number", range(1, 19))
def test_art_11_1_article_text_on_the_page_matches_the_signed_text(number, convenant_html, signed_text):
    page_text = html_section_text(convenant_html, f"artikel-{number}")
    expected = signed_article(signed_text, number)
    assert page_text == expected or no_space(page_text) == no_space(expected)
    assert no_space(page_text) == no_space(expected)


@pytest.mark.django_db
def test_art_11_1_all_31_gemeenten_and_the_four_other_parties_appear_by_exact_name(convenant_html):
    soup = BeautifulSoup(convenant_html, "html.parser")
    names = [li.get_text(strip=True) for li in soup.find(id="partijen").find_all("li")]
    assert len(GEMEENTEN) == 31
    for gemeente in GEMEENTEN:
        assert f"De gemeente {gemeente}" in names
    others = ["Het Openbaar Ministerie", "De politie", "De Raad voor de kinderbescherming", "De Reclassering Nederland"]
    for other in others:
        assert other in names
    assert len(names) == 35


@pytest.mark.django_db
def test_art_11_1_parties_are_read_from_the_registry_not_retyped(site, client):
    Party.objects.filter(name="De gemeente Beek").update(name="De gemeente Beek (hernoemd)")
    html = client.get("/convenant/").content.decode()
    assert "De gemeente Beek (hernoemd)" in html


@pytest.mark.django_db
def test_art_11_1_signature_block_shows_gennep_its_representative_and_the_date(convenant_html):
    text = html_section_text(convenant_html, "ondertekening")
    assert "De gemeente Gennep" in text
    assert "Burgemeester van Beek" in text
    assert "7 januari 2020" in text


@pytest.mark.django_db
def test_art_7_anchors_and_table_of_contents(convenant_html):
    soup = BeautifulSoup(convenant_html, "html.parser")
    assert soup.find(id="artikel-7") is not None
    lid = soup.find(id="artikel-7-lid-3")
    assert lid is not None
    assert "referentiekader" in lid.get_text()
    toc_links = [a["href"] for a in soup.find("nav", class_="toc").find_all("a")]
    for number in range(1, 19):
        assert f"#artikel-{number}" in toc_links


@pytest.mark.django_db
def test_art_11_1_footnote_is_attached_after_substantieel_and_listed_separately(convenant_html):
    soup = BeautifulSoup(convenant_html, "html.parser")
    ref = soup.find(id="voetnoot-ref-1")
    assert ref is not None
    assert ref["href"] == "#voetnoot-1"
    assert ref.find_parent("p").get_text().count("substantieel1.") == 1
    note = soup.find(id="voetnoot-1")
    assert note.get_text(" ", strip=True).startswith("Zie het Dreigingsbeeld Terrorisme Nederland (DTN) 32 t/m 42.")
    assert "Zie het Dreigingsbeeld" not in soup.find(id="aanhef-2").get_text()


@pytest.mark.django_db
def test_art_1_definitions_form_a_glossary_that_pages_can_link_to(site, client, convenant_html):
    soup = BeautifulSoup(convenant_html, "html.parser")
    definition = soup.find(id="begrip-referentiekader")
    assert definition is not None
    assert "objectieve kader" in definition.get_text()
    glossary = client.get("/convenant/begrippen/").content.decode()
    assert 'href="/convenant/#begrip-weegploeg"' in glossary
    from pages.selectors import glossary_terms

    terms = glossary_terms()
    assert len(terms) == 13
    assert terms[0]["term"] == "achterblijver"
    assert terms[0]["url"] == "/convenant/#begrip-achterblijver"


@pytest.mark.django_db
def test_art_11_1_anonymous_users_can_read_every_public_page(site, client):
    for url in PUBLIC_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url


def _heading_levels(soup: BeautifulSoup) -> list[int]:
    return [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]


@pytest.mark.django_db
def test_issue_3_8_public_pages_are_accessible_one_h1_ordered_headings_skip_link_lang_labels(site, client):
    for url in PUBLIC_URLS:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        assert soup.html["lang"] == "nl", url
        assert len(soup.find_all("h1")) == 1, url
        levels = _heading_levels(soup)
        assert levels[0] == 1, url
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{url}: kop h{after} na h{before}"
        skip = soup.find("a", class_="skip-link")
        assert skip is not None, url
        assert soup.find(id=skip["href"].lstrip("#")) is not None, url
        for field in soup.find_all(["input", "select", "textarea"]):
            if field.get("type") in {"hidden", "submit"}:
                continue
            assert soup.find("label", attrs={"for": field.get("id")}) is not None, f"{url}: {field}"
        assert soup.find("script", src=re.compile(r"^https?://")) is None, url
        assert soup.find("link", href=re.compile(r"^https?://")) is None, url


@pytest.mark.django_db
def test_art_2_18_2_parties_page_lists_current_and_former_parties_with_dates_and_tasks(site, client):
    import datetime

    from parties.services import party_give_notice

    party_give_notice(Party.objects.get(name="De gemeente Weert"), datetime.date(2020, 1, 15))
    soup = BeautifulSoup(client.get("/convenant/partijen/").content, "html.parser")
    tables = soup.find_all("table")
    current, former = tables[0].get_text(" "), tables[1].get_text(" ")
    assert "De gemeente Maastricht" in current
    assert "De gemeente Weert" not in current
    assert "De gemeente Weert" in former
    assert "15 april 2020" in former
    assert "1 maart 2019" in current
    tasks = soup.find("dl").get_text(" ")
    assert "artikel 172 Gemeentewet" in tasks
    assert "artikel 3 van de Politiewet" in tasks
    assert "Reclasseringsregeling 1995" in tasks


@pytest.mark.django_db
def test_art_1c_11_1_bijlage_1_lists_externe_casuspartners_from_the_party_registry(site, client):
    PartyFactory(name="Stichting Voorbeeldzorg Limburg")
    html = client.get("/convenant/bijlage-1/").content.decode()
    assert "Stichting Voorbeeldzorg Limburg" in html
    assert "aangevuld door de beleidsredacteuren" in html


@pytest.mark.django_db
def test_art_7_3_11_1_bijlage_3_referentiekader_shows_draft_criteria_per_theme(site, client):
    soup = BeautifulSoup(client.get("/convenant/bijlage-3/").content, "html.parser")
    themes = [h.get_text(strip=True) for h in soup.find_all("h2")]
    for theme in ["Ideologie", "Gedrag", "Netwerk", "Uitreizen en terugkeer", "Kwetsbaarheid", "Beschermende factoren"]:
        assert theme in themes
    assert soup.find(id="criterium-ID-1") is not None
    assert "Concept" in soup.find(class_="notice").get_text()


@pytest.mark.django_db
def test_art_11_1_home_links_to_the_convenant_and_to_uw_rechten(site, client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert "/convenant/" in hrefs
    assert soup.find(id="uw-rechten") is not None
    assert "/convenant/#artikel-12" in hrefs


@pytest.mark.django_db
def test_art_11_1_search_over_convenant_and_annexes(site, client):
    soup = BeautifulSoup(client.get("/zoeken/?q=referentiekader").content, "html.parser")
    titles = [a.get_text(strip=True) for a in soup.select("ol.search-results a")]
    assert "Bijlage 3: Referentiekader" in titles
    assert any(t.startswith("Convenant casusoverleg") for t in titles)


@pytest.mark.django_db
def test_issue_3_8_search_with_odd_input_answers_in_dutch_without_error(site, client):
    for query in ["x" * 5000, "<script>", "weegploeg&pagina=abc", "weegploeg&pagina=9999"]:
        response = client.get(f"/zoeken/?q={query}")
        assert response.status_code == 200
        assert b"<script>" not in response.content.split(b"<main", 1)[1]
    # A NUL character is refused before any view runs (config.middleware), with a Dutch page.
    response = client.get("/zoeken/?q=%00")
    assert response.status_code == 400
    assert "Ongeldige invoer" in response.content.decode()


@pytest.mark.django_db
def test_art_11_1_a_verified_worker_sees_the_same_public_pages(site):
    client = verified_client(UserFactory())
    assert client.get("/convenant/").status_code == 200
