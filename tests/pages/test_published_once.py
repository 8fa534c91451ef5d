"""Published content rendered once (issue 18, item 1; art. 11.1: the convenant and its annexes are public).

The convenant PDF is stored per published edition and served with validators; anonymous visitors get
public pages from a shared cache, logged-in users never do.
"""

from __future__ import annotations

import gzip

import pytest
from bs4 import BeautifulSoup

from pages.models import AnnexPage, StoredPdf
from tests.factories import PartyFactory, UserFactory
from tests.helpers import verified_client

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "issue-18"}}


@pytest.fixture
def page_cache(settings):
    settings.CACHES = LOCAL_CACHE
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


def _publish_annex_2(text: str, capture) -> None:
    annex = AnnexPage.objects.get(number=2).get_latest_revision_as_object()
    annex.body = [{"type": "paragraph", "value": f"<p>{text}</p>"}]
    with capture(execute=True):
        annex.save_revision(log_action=True).publish()


@pytest.mark.django_db
def test_art_11_1_publishing_an_annex_stores_a_new_pdf_and_keeps_the_old_one(
    site, client, django_capture_on_commit_callbacks
):
    first = client.get("/convenant/pdf/")
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert StoredPdf.objects.count() == 1  # fresh database: rendered once and stored
    old = StoredPdf.objects.get()
    assert first["ETag"] == f'"{old.sha256}"'
    assert first["Last-Modified"]
    assert bytes(first.content) == bytes(old.content)
    # A repeated conditional request is answered without the file.
    again = client.get("/convenant/pdf/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert StoredPdf.objects.count() == 1

    _publish_annex_2("Nieuwe procesbeschrijving voor de PDF.", django_capture_on_commit_callbacks)

    assert StoredPdf.objects.count() == 2  # rendered at publication, not at the next request
    new = StoredPdf.objects.first()
    assert new.key != old.key
    assert new.sha256 != old.sha256
    current = client.get("/convenant/pdf/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert current.status_code == 200
    assert current["ETag"] == f'"{new.sha256}"'
    assert client.get("/convenant/pdf/", HTTP_IF_NONE_MATCH=current["ETag"]).status_code == 304
    # Every edition stays available from the version list.
    versions = BeautifulSoup(client.get("/convenant/versies/").content, "html.parser")
    links = [a["href"] for a in versions.select("#pdf-versies ~ table a")]
    assert links == [f"/convenant/versies/pdf/{new.pk}/", f"/convenant/versies/pdf/{old.pk}/"]
    old_response = client.get(links[1])
    assert old_response.status_code == 200
    assert bytes(old_response.content) == bytes(old.content)
    assert client.get(links[1], HTTP_IF_NONE_MATCH=f'"{old.sha256}"').status_code == 304
    assert client.get("/convenant/versies/pdf/999999/").status_code == 404
    assert StoredPdf.objects.count() == 2  # serving never renders again


@pytest.mark.django_db
def test_art_11_1_anonymous_visitors_get_the_cached_compressed_page_with_validators(
    site, client, page_cache, django_assert_num_queries
):
    first = client.get("/convenant/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert first.status_code == 200
    assert first["Content-Encoding"] == "gzip"
    assert "public" in first["Cache-Control"]
    assert "s-maxage=" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    assert "Accept-Encoding" in first["Vary"]
    html = gzip.decompress(first.content).decode()
    assert "Artikel 18" in html
    assert "csrfmiddlewaretoken" not in html
    with django_assert_num_queries(0):  # from the shared cache: no page lookup, no rendering
        second = client.get("/convenant/", HTTP_ACCEPT_ENCODING="gzip")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert client.get("/convenant/", HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ACCEPT_ENCODING="gzip").status_code == 304
    plain = client.get("/convenant/")
    assert "Content-Encoding" not in plain
    assert plain.content.decode() == html
    assert plain["ETag"] != first["ETag"]  # each representation has its own validator
    client.get("/api/v2/pages/", HTTP_ACCEPT_ENCODING="gzip")
    with django_assert_num_queries(0):
        api = client.get("/api/v2/pages/", HTTP_ACCEPT_ENCODING="gzip")
    assert api.status_code == 200
    assert api["Content-Encoding"] == "gzip"


@pytest.mark.django_db
def test_art_11_1_a_logged_in_users_page_is_never_cached_nor_compressed(site, client, page_cache):
    client.get("/convenant/")  # an anonymous visitor fills the cache
    user_client = verified_client(UserFactory())
    response = user_client.get("/convenant/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Uitloggen" in html
    assert "csrfmiddlewaretoken" in html
    assert "Content-Encoding" not in response  # BREACH: never compress a page with a CSRF token
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "ETag" not in response
    assert "Cookie" in response["Vary"]
    # And the anonymous copy is still the anonymous one.
    assert "Uitloggen" not in client.get("/convenant/").content.decode()


@pytest.mark.django_db
def test_art_11_1_publish_unpublish_and_party_changes_invalidate_the_cached_pages(
    site, client, page_cache, django_capture_on_commit_callbacks
):
    assert "Herziene bijlage" not in client.get("/convenant/bijlage-2/").content.decode()
    _publish_annex_2("Herziene bijlage van de redactie.", django_capture_on_commit_callbacks)
    assert "Herziene bijlage van de redactie." in client.get("/convenant/bijlage-2/").content.decode()

    assert "Stichting Nieuwe Partner" not in client.get("/convenant/partijen/").content.decode()
    PartyFactory(name="Stichting Nieuwe Partner")
    assert "Stichting Nieuwe Partner" in client.get("/convenant/partijen/").content.decode()

    AnnexPage.objects.get(number=2).unpublish()
    assert client.get("/convenant/bijlage-2/").status_code == 404
