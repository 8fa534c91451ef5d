"""``manage.py import_convenant``: builds the site from the signed text, idempotently."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageLogEntry, Revision, Site

from pages.models import AnnexPage, ConvenantPage, HomePage, PartiesPage, ReferentiekaderPage
from tests.pages.conftest import SHARED_TEXT


def test_art_11_1_project_keeps_a_byte_identical_copy_of_the_signed_text():
    ours = Path(settings.CONVENANT_TEXT_PATH)
    assert ours.is_file()
    if SHARED_TEXT.is_file():
        assert ours.read_bytes() == SHARED_TEXT.read_bytes()


def _run(*args) -> str:
    out = StringIO()
    call_command("import_convenant", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_art_11_1_import_builds_the_tree_and_makes_home_the_site_root():
    output = _run()
    assert "Convenant aangemaakt" in output
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk
    # Wagtail's placeholder welcome page is gone.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()
    convenant = ConvenantPage.objects.get()
    assert convenant.url == "/convenant/"
    assert [p.url for p in AnnexPage.objects.order_by("number")] == ["/convenant/bijlage-1/", "/convenant/bijlage-2/"]
    assert ReferentiekaderPage.objects.get().url == "/convenant/bijlage-3/"
    assert PartiesPage.objects.get().url == "/convenant/partijen/"
    assert len(convenant.article_values()) == 18


@pytest.mark.django_db
def test_issue_3_2_running_the_import_twice_changes_nothing_the_second_time():
    _run()
    counts = (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count())
    convenant = ConvenantPage.objects.get()
    output = _run(str(settings.CONVENANT_TEXT_PATH))
    assert "niets gewijzigd" in output
    assert (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()) == counts
    assert ConvenantPage.objects.get().live_revision_id == convenant.live_revision_id


@pytest.mark.django_db
def test_art_11_1_import_never_overwrites_what_the_editors_wrote_in_the_annexes():
    _run()
    annex = AnnexPage.objects.get(number=2)
    annex.body = [{"type": "heading", "value": "Door de redactie geschreven"}]
    annex.save_revision().publish()
    _run()
    assert AnnexPage.objects.get(number=2).body[0].value == "Door de redactie geschreven"


@pytest.mark.django_db
def test_art_11_1_a_changed_signed_text_gives_a_new_published_version(tmp_path):
    _run()
    text = Path(settings.CONVENANT_TEXT_PATH).read_text(encoding="utf-8")
    changed = tmp_path / "convenant.txt"
    new_text = text.replace("Dit convenant is niet in rechte afdwingbaar.", "Dit convenant is niet afdwingbaar.")
    changed.write_text(new_text)
    assert "Convenant bijgewerkt" in _run(str(changed))
    assert ConvenantPage.objects.get().article(16)["body"][0].value == "Dit convenant is niet afdwingbaar."


@pytest.mark.django_db
def test_issue_3_2_import_of_a_missing_or_broken_file_fails_with_a_dutch_message(tmp_path):
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        _run(str(tmp_path / "bestaat-niet.txt"))
    broken = tmp_path / "kapot.txt"
    broken.write_text("Dit is geen convenant.\n")
    with pytest.raises(CommandError, match="kon niet worden ingelezen"):
        _run(str(broken))
    assert not ConvenantPage.objects.exists()
