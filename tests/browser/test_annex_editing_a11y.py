"""Issue 19.1: the annex edit page passes axe-core with its StreamField: the "tussenkop" text input of
a top-level stream block has a name (was: no label, critical) and the rich-text editors have an
accessible name (was: none). Checked under the site's strict CSP, without the known-upstream filter."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from pages.models import AnnexPage
from pages.permissions import pages_permissions_sync
from tests.browser.journey import AXE_TAGS, BLOCKING, axe_inject, login, site_setup
from tests.browser.test_intake_editing import strict_page
from tests.factories import UserFactory, party

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.presentation]

JOURNEY = "bijlage-redactie"


def test_art_11_1_annex_edit_page_fields_all_have_accessible_names(pages):
    site_setup()
    pages_permissions_sync()
    annex = next(a for a in AnnexPage.objects.all() if a.body)
    annex = AnnexPage.objects.get(pk=annex.pk)
    body = list(annex.body.raw_data)
    if not any(block["type"] == "heading" for block in body):  # one of each kind on the page
        body.insert(0, {"type": "heading", "value": "Tussenkop"})
    if not any(block["type"] == "paragraph" for block in body):
        body.append({"type": "paragraph", "value": "<p>Tekst</p>"})
    annex.body = body
    annex.save_revision().publish()
    editor = UserFactory(roles=[Role.BELEIDSREDACTEUR], party=party("De gemeente Venlo"))
    violations: list[str] = []
    page = strict_page(pages, violations)
    login(page, editor, next_url=f"/admin/pages/{annex.pk}/edit/", journey=JOURNEY)
    page.locator("[role=textbox]").first.wait_for()
    axe_inject(page)
    found = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
            .map(v => ({id: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))""",
        AXE_TAGS,
    )
    blocking = [v for v in found if v["impact"] in BLOCKING]
    assert not blocking, blocking
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('section[data-panel] input:not([type=hidden]), [role=textbox]')]
            .filter(el => !el.closest('template'))
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                          && !el.getAttribute('aria-labelledby')).length"""
    )
    assert unnamed == 0
    assert violations == [], violations
