"""Issue 13 item 12: the public API answers bad input with 400, never 500."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    "?search=%22",
    "?search=%22abc",
    "?search=%28%2A%5E%3A",  # ( * ^ :
    "?search=NEAR%28a",
    "?search=a%20-b%20%2Bc",
    "?offset=99999999999999999999",
    "?offset=%EF%BC%91",  # full-width digit
    "?offset=1e3",
    "?limit=99999999999999999999",
    "?search=a&search_operator=x",
    "?search=" + "a" * 500,
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_issue_13_12_api_bad_input_gets_400_or_a_plain_answer_never_500(site, client, query):
    response = client.get(f"/api/v2/pages/{query}")
    assert response.status_code in (200, 400), (query, response.status_code)
    assert response.json()  # a JSON answer (a message or the listing), no error page


@pytest.mark.parametrize("query", ["?search=%22", "?offset=99999999999999999999"])
def test_issue_13_12_api_the_reported_inputs_no_longer_fail(site, client, query):
    response = client.get(f"/api/v2/pages/{query}")
    assert response.status_code != 500
    if "offset" in query:
        assert response.status_code == 400
        assert "offset" in response.json()["message"]
    else:
        assert response.status_code == 200
        assert "items" in response.json()


def test_issue_13_12_api_search_with_quotes_still_finds_the_page(site, client):
    plain = client.get("/api/v2/pages/?search=convenant").json()["meta"]["total_count"]
    quoted = client.get("/api/v2/pages/?search=%22convenant%22").json()["meta"]["total_count"]
    assert plain >= 1
    assert quoted == plain
    assert client.get("/api/v2/pages/?offset=0").status_code == 200
