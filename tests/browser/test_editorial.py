"""A policy editor changes a referentiekader criterion, an approver publishes it, the public sees it
(art. 7.3 and 11.1: the referentiekader is maintained with review; nothing is public before approval)."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from pages.models import ReferentiekaderPage
from tests.browser.journey import axe_check, login, site_setup, visit
from tests.factories import UserFactory, party

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNEY = "redactie-goedkeuring"
NEW_TITLE = "Verheerlijkt of rechtvaardigt geweld voor een ideologisch doel"


def _field_id_with_value(page, value: str) -> str:
    """The id of the admin input that currently holds ``value`` (Wagtail renders StreamFields with JS)."""
    page.wait_for_function("(v) => [...document.querySelectorAll('input')].some(i => i.value === v)", arg=value)
    return page.evaluate("(v) => [...document.querySelectorAll('input')].find(i => i.value === v).id", value)


def test_art_11_1_editor_changes_criterion_approver_publishes_public_page_shows_it(pages):
    site_setup()
    kader = ReferentiekaderPage.objects.get()
    old_title = kader.criteria_list()[0]["title"]
    editor = UserFactory(roles=[Role.BELEIDSREDACTEUR], party=party("De gemeente Venlo"))
    approver = UserFactory(roles=[Role.PUBLICATIE_GOEDKEURDER], party=party("De gemeente Roermond"))
    edit_url = f"/admin/pages/{kader.pk}/edit/"

    # the editor changes the first criterion's title and submits it for approval
    ed = pages.new()
    login(ed, editor, next_url=edit_url, journey=JOURNEY)
    axe_check(ed, JOURNEY)
    field = ed.locator(f"[id='{_field_id_with_value(ed, old_title)}']")
    field.fill(NEW_TITLE)
    ed.get_by_role("button", name="Meer acties").first.click()
    ed.get_by_role("button", name="Stuur door naar Publicatie-goedkeuring").click()
    ed.wait_for_load_state()
    kader.refresh_from_db()
    assert kader.current_workflow_state is not None, "de wijziging is niet ter goedkeuring aangeboden"

    # not public before approval
    public = pages.new()
    visit(public, "/convenant/bijlage-3/", JOURNEY)
    assert NEW_TITLE not in public.content()
    assert old_title in public.content()

    # the approver approves from the admin dashboard
    ap = pages.new()
    login(ap, approver, next_url="/admin/", journey=JOURNEY)
    axe_check(ap, JOURNEY)
    row = ap.locator("tr", has_text="Bijlage 3: Referentiekader")
    row.locator("button[aria-haspopup], [data-w-dropdown-target='toggle']").first.click()
    ap.get_by_role("button", name="Goedkeuren", exact=True).first.click()
    # issue 13 item 7: the dashboard's "Goedkeuren" first names the page and the version that goes live
    ap.wait_for_url("**/admin/beoordeling/*/besluit/?action=approve")
    kader.refresh_from_db()
    assert kader.current_workflow_state is not None  # nothing approved before the confirmation
    ap.get_by_role("button", name="Ja, versie 2 goedkeuren en publiceren").click()
    ap.wait_for_url("**/admin/beoordeling/")
    kader.refresh_from_db()
    assert kader.current_workflow_state is None

    # now the public page shows it, and the version list has the new version
    visit(public, "/convenant/bijlage-3/", JOURNEY)
    assert NEW_TITLE in public.content()
    assert old_title not in public.content()
    visit(public, "/convenant/bijlage-3/versies/", JOURNEY)
    assert public.get_by_role("link", name="Bekijk versie 2 en wat er is gewijzigd").is_visible()
