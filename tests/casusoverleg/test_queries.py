"""Issue 6: the case list keeps a flat query count from 10 to 2,000 cases."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.casusoverleg.bulk import bulk_open_cases
from tests.casusoverleg.fixtures import deelnemer, uitvoerder
from tests.helpers import verified_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("maker", [deelnemer, uitvoerder], ids=["deelnemer", "uitvoerder"])
def test_art_9_case_list_queries_stay_flat_from_10_to_2000_cases(maker, django_assert_max_num_queries):
    user = maker()
    client = verified_client(user)
    bulk_open_cases(10, by=user)
    client.get("/werk/casussen/")  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        first = client.get("/werk/casussen/")
    assert first.status_code == 200
    assert "C-2099-000009" in first.content.decode()
    bulk_open_cases(1990, by=user, start=10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/werk/casussen/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "2000 lopende casussen" in page
    assert "C-2099-001999" in page
    assert "(bespreking te laat)" in page
    assert "maatregelen over de datum" in page
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "C-2099-001234" in client.post("/werk/casussen/", {"q": "C-2099-001234"}).content.decode()
