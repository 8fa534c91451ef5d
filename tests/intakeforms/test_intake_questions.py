"""Low-code intake questions: policy editors define them in the CMS; the intake uses only the
published revision and stores the answers with the signal, never in Wagtail's form submissions."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from wagtail.contrib.forms.models import FormSubmission

from forms.models import IntakeFormPage, IntakeQuestion, QuestionType
from forms.selectors import intake_definition_at_revision, intake_definition_published
from tests.helpers import verified_client
from tests.weegploeg.fixtures import home_page, intake_post, melder, weegploeglid
from weegploeg.models import Signal

pytestmark = pytest.mark.django_db


def published_form() -> IntakeFormPage:
    page = IntakeFormPage(title="Aanvullende vragen", slug="aanvullende-vragen", intro="Beantwoord zo goed mogelijk.")
    page.questions = [
        IntakeQuestion(
            label="Via welk kanaal kwam het signaal binnen?",
            field_type=QuestionType.DROPDOWN,
            required=True,
            choices="Telefoon\nE-mail\nPersoonlijk",
        ),
        IntakeQuestion(label="Eerder gemeld?", field_type=QuestionType.CHECKBOX, required=False),
    ]
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_art_7_2_intake_renders_only_the_published_questions():
    page = published_form()
    page.questions.add(IntakeQuestion(label="Conceptvraag die nog niet gepubliceerd is", field_type="singleline"))
    page.save_revision()  # a draft: not yet reviewed and published
    client = verified_client(melder())
    html = client.get("/werk/weegploeg/melden/").content.decode()
    assert "Via welk kanaal kwam het signaal binnen?" in html
    assert "Conceptvraag" not in html
    definition = intake_definition_published()
    assert [q.label for q in definition.questions] == ["Via welk kanaal kwam het signaal binnen?", "Eerder gemeld?"]


def test_art_7_2_answers_are_stored_with_the_signal_and_the_revision_id():
    page = published_form()
    client = verified_client(melder())
    revision_id = IntakeFormPage.objects.get(pk=page.pk).live_revision_id
    missing = client.post("/werk/weegploeg/melden/", intake_post())
    assert missing.status_code == 400 and "Dit veld is verplicht." in missing.content.decode()
    wrong = client.post("/werk/weegploeg/melden/", intake_post(vraag_1="Postduif"))
    assert wrong.status_code == 400 and not Signal.objects.exists()
    response = client.post("/werk/weegploeg/melden/", intake_post(vraag_1="E-mail", vraag_2="on"))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.form_revision_id == revision_id
    assert signal.answers == [
        {"key": "vraag_1", "label": "Via welk kanaal kwam het signaal binnen?", "answer": "E-mail"},
        {"key": "vraag_2", "label": "Eerder gemeld?", "answer": "Ja"},
    ]
    assert FormSubmission.objects.count() == 0  # never in Wagtail's own submission table
    # a later edit of the questions leaves the stored definition readable as it was
    page.questions.all()[0].label = "Gewijzigd"
    page.save_revision().publish()
    old = intake_definition_at_revision(revision_id)
    assert old.questions[0].label == "Via welk kanaal kwam het signaal binnen?"
    detail = verified_client(weegploeglid()).get(f"/werk/weegploeg/dossier/{signal.file.number}/").content.decode()
    assert "E-mail" in detail and f"versie {revision_id}" in detail


def test_issue_5_intake_form_page_shows_only_the_question_list_publicly():
    page = published_form()
    request = RequestFactory().get("/")
    request.user = type("Anon", (), {"is_authenticated": False, "is_verified": lambda self: False})()
    html = page.serve(request).rendered_content
    assert "Via welk kanaal kwam het signaal binnen?" in html
    assert "<form" not in html.split("<main")[1]


def test_issue_5_a_choice_question_without_choices_is_refused():
    from django.core.exceptions import ValidationError

    question = IntakeQuestion(label="Kanaal", field_type=QuestionType.RADIO, choices="  \n")
    with pytest.raises(ValidationError) as error:
        question.clean()
    assert "minstens één keuze" in str(error.value)


def test_issue_5_seed_command_publishes_a_starter_list_once():
    from django.core.management import call_command

    home_page()
    call_command("seed_intake_form", verbosity=0)
    call_command("seed_intake_form", verbosity=0)
    assert IntakeFormPage.objects.count() == 1
    definition = intake_definition_published()
    assert definition is not None and len(definition.questions) == 3
