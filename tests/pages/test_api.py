"""/api/v2/: read-only headless delivery; articles and criteria as structured JSON."""

from __future__ import annotations

import pytest

from pages.models import ConvenantPage, ReferentiekaderPage


@pytest.mark.django_db
def test_art_11_1_api_returns_the_articles_as_structured_json(site, client):
    response = client.get(f"/api/v2/pages/{ConvenantPage.objects.get().pk}/")
    assert response.status_code == 200
    data = response.json()
    articles = [block["value"] for block in data["articles"]]
    assert [a["number"] for a in articles] == list(range(1, 19))
    art7 = articles[6]
    assert art7["title"] == "Werkwijze Weegploeg"
    leden = [b["value"] for b in art7["body"] if b["type"] == "lid"]
    assert leden[2]["number"] == 3
    assert leden[2]["text"].startswith("De weegploeg analyseert signalen")
    assert [i["label"] for i in leden[1]["items"]] == ["a.", "b.", "c."]
    assert "<" not in leden[2]["text"]  # text, not HTML
    assert data["signatures"][0]["value"] == {
        "party": "De gemeente Gennep",
        "representative": "Burgemeester van Beek",
        "date": "2020-01-07",
    }


@pytest.mark.django_db
def test_issue_3_api_returns_the_referentiekader_criteria_as_structured_json(site, client):
    listing = client.get("/api/v2/pages/?type=pages.ReferentiekaderPage&fields=criteria").json()
    assert listing["meta"]["total_count"] == 1
    themes = listing["items"][0]["criteria"]
    assert themes[0]["value"]["title"] == "Ideologie"
    first = themes[0]["value"]["criteria"][0]
    assert set(first) == {"code", "title", "guidance"}
    assert first["code"] == "ID-1"
    assert listing["items"][0]["id"] == ReferentiekaderPage.objects.get().pk


@pytest.mark.django_db
def test_issue_3_api_is_read_only_and_has_no_v3(site, client):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    pk = ConvenantPage.objects.get().pk
    assert client.delete(f"/api/v2/pages/{pk}/").status_code == 405
    assert client.get("/api/v3/pages/").status_code == 404


@pytest.mark.django_db
def test_issue_3_api_handles_bad_query_strings_without_error(site, client):
    for query in ["?limit=abc", "?offset=-1", "?type=bestaat.Niet", "?fields=onzin", "?order=onzin"]:
        assert client.get(f"/api/v2/pages/{query}").status_code == 400, query
    assert client.get("/api/v2/pages/999999/").status_code == 404
