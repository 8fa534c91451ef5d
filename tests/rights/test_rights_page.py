"""Art. 12 (and 11): the public page 'Uw rechten', linked from the home page, explains how a person
or their representative asks the uitvoerder for inzage or correctie."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from rights.models import RightsPage
from tests.weegploeg.fixtures import home_page

pytestmark = pytest.mark.django_db


def test_art_12_1_public_rights_page_explains_who_asks_whom_and_is_linked_from_home(client):
    home = home_page()
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    call_command("seed_rights_page")
    call_command("seed_rights_page")  # idempotent
    assert RightsPage.objects.count() == 1
    response = client.get("/uw-rechten/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for phrase in (
        "uitvoerder",
        "zestien jaar",
        "curatele",
        "mentor",
        "binnen vier weken",
        "artikel 41",
        "/convenant/#artikel-12",
    ):
        assert phrase in html
    assert 'href="/uw-rechten/"' in client.get("/").content.decode()
