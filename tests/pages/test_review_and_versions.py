"""Editing with review and published versions (art. 11.1, issue 3 points 4 and 5).

Policy editors change annexes in the Wagtail admin; nothing goes live before a
publicatie-goedkeurder approves; a scheduled version goes live on its date; every published
version stays readable with a diff against the previous one.
"""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.roles import Role
from pages.models import AnnexPage, ConvenantPage, ReferentiekaderPage
from pages.selectors import referentiekader_at_revision, referentiekader_live
from tests.clock import freeze_time
from tests.factories import UserFactory, party
from tests.helpers import verified_client


@pytest.fixture
def editor(db):
    return UserFactory(roles=[Role.BELEIDSREDACTEUR], party=party("De gemeente Venlo"))


@pytest.fixture
def approver(db):
    return UserFactory(roles=[Role.PUBLICATIE_GOEDKEURDER], party=party("De gemeente Venlo"))


def _annex_form(annex: AnnexPage, paragraph: str, *, go_live_at: str = "") -> dict:
    return nested_form_data(
        {
            "title": annex.title,
            "slug": annex.slug,
            "number": annex.number,
            "is_concept": "on",
            "body": streamfield([("heading", "Over deze bijlage"), ("paragraph", rich_text(f"<p>{paragraph}</p>"))]),
            "comments": inline_formset([]),
            "go_live_at": go_live_at,
            "expire_at": "",
            "seo_title": "",
            "search_description": "",
            "action-submit": "Indienen",
        }
    )


def _submit_edit(editor, annex: AnnexPage, paragraph: str, **kwargs):
    client = verified_client(editor)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[annex.pk]), _annex_form(annex, paragraph, **kwargs))
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def _approve(approver, page):
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state is not None, "er loopt geen goedkeuring"
    client = verified_client(approver)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk])
    response = client.post(url, {"comment": ""})
    # Issue 13 item 7: Wagtail's raw action (the dashboard's "Goedkeuren") only leads to the confirmation
    # that names page and version; the approval is given there, on the revision shown.
    confirm = reverse("pages_review_confirm", args=[page.pk])
    assert response.status_code == 302
    assert response.url == f"{confirm}?action=approve"
    assert page.current_workflow_state is not None
    revision = page.get_latest_revision()
    response = client.post(confirm, {"action": "approve", "revision": revision.pk, "comment": ""})
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.django_db
def test_art_11_1_an_editors_change_is_not_public_until_approved(site, editor, approver, client):
    annex = AnnexPage.objects.get(number=2)
    _submit_edit(editor, annex, "Nieuwe procesbeschrijving van de redactie.")
    assert "Nieuwe procesbeschrijving" not in client.get("/convenant/bijlage-2/").content.decode()
    api = client.get(f"/api/v2/pages/{annex.pk}/").json()
    assert "Nieuwe procesbeschrijving" not in str(api["body"])
    # The editor cannot publish it themselves.
    assert not annex.permissions_for_user(editor).can_publish()

    _approve(approver, annex)
    assert "Nieuwe procesbeschrijving van de redactie." in client.get("/convenant/bijlage-2/").content.decode()


@pytest.mark.django_db
def test_art_11_1_a_scheduled_version_goes_live_on_its_date(site, editor, approver, client):
    annex = AnnexPage.objects.get(number=2)
    go_live = timezone.localtime() + datetime.timedelta(days=10)
    _submit_edit(editor, annex, "Versie die per volgende maand geldt.", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    _approve(approver, annex)
    call_command("publish_scheduled")
    assert "per volgende maand" not in client.get("/convenant/bijlage-2/").content.decode()
    with freeze_time(go_live + datetime.timedelta(minutes=5)):
        call_command("publish_scheduled")
    assert "Versie die per volgende maand geldt." in client.get("/convenant/bijlage-2/").content.decode()


@pytest.mark.django_db
def test_art_11_1_every_published_version_stays_readable_with_a_diff(site, editor, approver, client):
    annex = AnnexPage.objects.get(number=2)
    _submit_edit(editor, annex, "Eerste uitwerking door de redactie.")
    _approve(approver, annex)
    _submit_edit(editor, annex, "Tweede uitwerking door de redactie.")
    _approve(approver, annex)
    _submit_edit(editor, annex, "Nog niet goedgekeurde tekst.")  # a draft: never listed

    listing = BeautifulSoup(client.get("/convenant/bijlage-2/versies/").content, "html.parser")
    rows = listing.find("tbody").find_all("tr")
    assert len(rows) == 3  # the import's version and two approved ones
    links = [a["href"] for a in listing.find("tbody").find_all("a")]
    second = client.get(links[1])  # newest first: links[1] is version 2
    assert second.status_code == 200
    soup = BeautifulSoup(second.content, "html.parser")
    assert "Eerste uitwerking door de redactie." in soup.find(class_="old-version").get_text()
    diff = soup.find(class_="diff")
    assert diff is not None
    inserted = " ".join(i.get_text(" ", strip=True) for i in diff.find_all("ins"))
    assert "Eerste uitwerking" in inserted
    assert diff.find("del") is not None
    assert "verwijderd" in diff.get_text()  # not colour alone
    newest = BeautifulSoup(client.get(links[0]).content, "html.parser")
    assert "Tweede" in " ".join(i.get_text() for i in newest.find(class_="diff").find_all("ins"))
    assert "Eerste" in " ".join(d.get_text() for d in newest.find(class_="diff").find_all("del"))

    draft_id = AnnexPage.objects.get(number=2).latest_revision_id
    assert client.get(f"/convenant/bijlage-2/versies/{draft_id}/").status_code == 404
    assert "Nog niet goedgekeurde" not in client.get("/convenant/bijlage-2/versies/").content.decode()
    assert client.get("/convenant/bijlage-2/versies/999999/").status_code == 404


@pytest.mark.django_db
def test_art_11_1_convenant_versions_show_the_diff_per_article(site, client, tmp_path, settings):
    from pages.services import convenant_import

    text = settings.CONVENANT_TEXT_PATH.read_text(encoding="utf-8")
    changed = tmp_path / "convenant.txt"
    changed.write_text(text.replace("beslecht.", "beslecht, zo nodig met bemiddeling."))
    convenant_import(changed)
    listing = BeautifulSoup(client.get("/convenant/versies/").content, "html.parser")
    newest = listing.find("tbody").find("a")["href"]
    soup = BeautifulSoup(client.get(newest).content, "html.parser")
    changed_headings = [h.get_text(" ", strip=True) for h in soup.find(class_="diff").find_all("h3")]
    assert changed_headings == ["Artikel 17 Geschillen (gewijzigd)"]
    assert "bemiddeling" in soup.find(class_="diff").find("ins").get_text()


@pytest.mark.django_db
def test_art_7_3_referentiekader_live_gives_the_published_criteria_and_their_revision(site, editor, approver):
    first = referentiekader_live()
    assert first is not None
    page = ReferentiekaderPage.objects.get()
    assert first.revision_id == page.live_revision_id
    assert {c.theme for c in first.criteria} >= {"Ideologie", "Gedrag", "Netwerk", "Beschermende factoren"}
    assert first.criteria[0].code == "ID-1"
    assert first.criteria[0].guidance

    # An edit waiting for approval changes nothing for the weegploeg.
    draft = page.get_latest_revision_as_object()
    draft.criteria = [
        {
            "type": "theme",
            "value": {
                "title": "Ideologie",
                "description": "",
                "criteria": [{"code": "ID-9", "title": "Nieuw criterium", "guidance": "Toelichting."}],
            },
        }
    ]
    revision = draft.save_revision(user=editor)
    Workflow.objects.get(name="Publicatie-goedkeuring").start(page, editor)
    assert referentiekader_live() == first

    _approve(approver, page)
    second = referentiekader_live()
    assert second.revision_id == revision.pk
    assert [c.code for c in second.criteria] == ["ID-9"]
    # An old analysis still shows the criteria it applied.
    assert referentiekader_at_revision(first.revision_id) == first


@pytest.mark.django_db
def test_art_7_3_referentiekader_at_revision_refuses_a_revision_of_another_page(site):
    from wagtail.models import Revision

    with pytest.raises(Revision.DoesNotExist):
        referentiekader_at_revision(ConvenantPage.objects.get().live_revision_id)
    with pytest.raises(Revision.DoesNotExist):
        referentiekader_at_revision(999999)


@pytest.mark.django_db
def test_art_7_3_duplicate_criterion_codes_are_refused_in_dutch(site):
    from django.core.exceptions import ValidationError

    page = ReferentiekaderPage.objects.get()
    block = page.criteria.stream_block
    value = block.to_python(
        [
            {
                "type": "theme",
                "value": {
                    "title": "Ideologie",
                    "description": "",
                    "criteria": [
                        {"code": "ID-1", "title": "A", "guidance": "a"},
                        {"code": "ID-1", "title": "B", "guidance": "b"},
                    ],
                },
            }
        ]
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "komt meer dan één keer voor" in str(error.value.as_json_data())
