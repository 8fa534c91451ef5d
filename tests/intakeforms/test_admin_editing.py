"""Issue 19.1 and 19.3 in the Wagtail admin: the beleidsredacteur edits the question list under the
strict CSP (no inline script), nobody else does, and every guardrail is a Dutch message in the editor."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts.roles import Role
from forms.models import IntakeFormPage, QuestionType
from pages.permissions import pages_permissions_sync
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.intakeforms.helpers import live_questions, publish, question

pytestmark = pytest.mark.django_db
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)


def editor():
    return UserFactory(roles=[Role.BELEIDSREDACTEUR], party=party("De politie"))


def intake_page() -> IntakeFormPage:
    page = publish(
        [
            question("Via welk kanaal kwam het signaal binnen?", QuestionType.RADIO, choices="Telefoon\nE-mail"),
            question("Welke school bezoekt de jongere?"),
        ]
    )
    pages_permissions_sync()
    return page


def question_data(q, **changes) -> dict:
    data = {
        "id": q.pk or "",
        "section": q.section,
        "label": q.label,
        "field_type": q.field_type,
        "help_text": q.help_text,
        "choices": q.choices,
        "default_value": q.default_value,
        "max_length": "",
        "pattern": "",
        "min_value": "",
        "max_value": "",
        "date_min": "",
        "date_max": "",
        "show_when_question": q.show_when_question,
        "show_when_value": q.show_when_value,
        "special_category": q.special_category,
        "legal_ground": q.legal_ground,
    }
    if q.required:
        data["required"] = "on"
    data.update(changes)
    return data


def edit_post(page, questions: list[dict]) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "questions": inline_formset(questions, initial=len(live_questions(page))),
            "comments": inline_formset([]),
        }
    )


def test_art_11_1_the_beleidsredacteur_edits_the_question_list_without_inline_script():
    page = intake_page()
    client = verified_client(editor())
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert INLINE_SCRIPT.findall(html) == []  # blocked by script-src 'self'
    assert 'data-csp-init="InlinePanel"' in html
    assert "pages/admin/csp-init.js" in html
    assert 'data-csp-init="initDateTimeChooser"' in html  # the scheduling date pickers
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("role", [Role.PUBLICATIE_GOEDKEURDER, Role.MELDER, Role.FUNCTIONEEL_BEHEERDER])
def test_art_11_1_nobody_else_edits_the_question_list(role):
    page = intake_page()
    client = verified_client(UserFactory(roles=[role], party=party("De politie")))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code in (302, 403)


def test_art_8_2_the_editor_sees_a_dutch_refusal_for_a_bsn_question_and_nothing_is_saved():
    page = intake_page()
    kanaal, school = live_questions(page)
    before = page.revisions.count()
    client = verified_client(editor())
    new = question("BSN van het subject")
    data = edit_post(page, [question_data(kanaal), question_data(school), {**question_data(new), "id": ""}])
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "vaste vraag van het meldformulier" in html
    assert IntakeFormPage.objects.get(pk=page.pk).revisions.count() == before


def test_art_9_avg_the_editor_must_state_a_legal_ground_and_choices_need_a_choice_type():
    page = intake_page()
    kanaal, school = live_questions(page)
    client = verified_client(editor())
    data = edit_post(
        page,
        [
            question_data(kanaal),
            question_data(school, field_type=QuestionType.DATE, choices="Ja\nNee", special_category="religie"),
        ],
    )
    html = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).content.decode()
    assert "geen keuzes" in html
    assert "vermeld de grondslag" in html


def test_issue_19_3_the_editor_saves_a_condition_on_an_earlier_question_by_its_id():
    """Issue 19."""
    page = intake_page()
    kanaal, school = live_questions(page)
    client = verified_client(editor())
    data = edit_post(
        page,
        [question_data(kanaal), question_data(school, show_when_question=str(kanaal.uuid), show_when_value="E-mail")],
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = IntakeFormPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    saved = list(draft.questions.all())
    assert saved[1].show_when_question == str(kanaal.uuid)
    assert saved[1].uuid == school.uuid
    bad = edit_post(
        page,
        [question_data(kanaal), question_data(school, show_when_question=str(kanaal.uuid), show_when_value="Fax")],
    )
    html = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), bad).content.decode()
    assert "Kies een antwoord dat bij die vraag mogelijk is" in html
