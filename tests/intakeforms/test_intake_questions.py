"""Low-code intake questions: policy editors define them in the CMS; the intake uses only the
published revision and stores the answers with the signal, never in Wagtail's form submissions."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from wagtail.contrib.forms.models import FormSubmission

from forms.models import IntakeFormPage, QuestionType
from forms.selectors import intake_definition_at_revision, intake_definition_published
from tests.helpers import verified_client
from tests.intakeforms.helpers import live_questions, publish, question, rendered_revision
from tests.weegploeg.fixtures import home_page, intake_post, melder, weegploeglid
from weegploeg.models import Signal

pytestmark = pytest.mark.django_db
URL = "/werk/weegploeg/melden/"


def published_form() -> IntakeFormPage:
    return publish(
        [
            question(
                "Via welk kanaal kwam het signaal binnen?",
                QuestionType.DROPDOWN,
                required=True,
                choices="Telefoon\nE-mail\nPersoonlijk",
            ),
            question("Eerder gemeld?", QuestionType.CHECKBOX),
        ]
    )


def test_art_7_2_intake_renders_only_the_published_questions():
    page = published_form()
    page.questions.add(question("Conceptvraag die nog niet gepubliceerd is"))
    page.save_revision()  # a draft: not yet reviewed and published
    client = verified_client(melder())
    html = client.get(URL).content.decode()
    assert "Via welk kanaal kwam het signaal binnen?" in html
    assert "Conceptvraag" not in html
    assert "versie 1, " in html  # the readable version label, not a raw revision id
    definition = intake_definition_published()
    assert [q.label for q in definition.questions] == ["Via welk kanaal kwam het signaal binnen?", "Eerder gemeld?"]


def test_art_7_2_answers_are_stored_by_question_id_with_text_and_revision():
    page = published_form()
    kanaal, eerder = live_questions(page)
    client = verified_client(melder())
    revision = rendered_revision(client.get(URL).content.decode())
    base = intake_post(vragenlijst_versie=revision)
    missing = client.post(URL, base)
    assert missing.status_code == 400
    assert "Dit veld is verplicht." in missing.content.decode()
    assert f'href="#id_vraag_{kanaal.uuid}"' in missing.content.decode()  # the error summary links to the field
    wrong = client.post(URL, {**base, f"vraag_{kanaal.uuid}": "Postduif"})
    assert wrong.status_code == 400
    assert not Signal.objects.exists()
    response = client.post(URL, {**base, f"vraag_{kanaal.uuid}": "E-mail", f"vraag_{eerder.uuid}": "on"})
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.form_revision_id == int(revision)
    assert signal.answers == [
        {"question_id": str(kanaal.uuid), "label": kanaal.label, "answer": "E-mail", "revision_id": int(revision)},
        {"question_id": str(eerder.uuid), "label": "Eerder gemeld?", "answer": "Ja", "revision_id": int(revision)},
    ]
    assert FormSubmission.objects.count() == 0  # never in Wagtail's own submission table
    # a later edit of the questions leaves the stored definition readable as it was
    kanaal.label = "Gewijzigd"
    publish([kanaal, eerder], page)
    old = intake_definition_at_revision(int(revision))
    assert old.questions[0].label == "Via welk kanaal kwam het signaal binnen?"
    assert old.questions[0].uuid == str(kanaal.uuid)  # the id survives the revision
    assert intake_definition_published().questions[0].uuid == str(kanaal.uuid)
    detail = verified_client(weegploeglid()).get(f"/werk/weegploeg/dossier/{signal.file.number}/").content.decode()
    assert "E-mail" in detail
    assert "versie 1, " in detail


def test_art_7_2_old_form_after_reword_and_removal_stores_no_answer_under_another_question():
    """Issue 19 check: render, publish a revision that rewords one question and removes another, post the old form."""
    page = publish(
        [
            question("Welke school bezoekt de jongere?", required=True),
            question("Welke sport beoefent de jongere?"),
            question("Welke muziek luistert de jongere?"),
        ]
    )
    school, sport, muziek = live_questions(page)
    client = verified_client(melder())
    old_revision = rendered_revision(client.get(URL).content.decode())
    old_post = intake_post(
        vragenlijst_versie=old_revision,
        **{f"vraag_{school.uuid}": "Het Lyceum", f"vraag_{sport.uuid}": "Kickboksen", f"vraag_{muziek.uuid}": "Drill"},
    )
    # the editor removes "sport" and rewords "muziek"; "muziek" now sits where "sport" was
    muziek.label = "Naar welke muziek luistert de jongere vaak?"
    publish([school, muziek], page)

    changed = client.post(URL, old_post)
    html = changed.content.decode()
    assert changed.status_code == 409
    assert not Signal.objects.exists()
    assert "De vragenlijst is gewijzigd" in html
    assert 'value="Het Lyceum"' in html
    assert 'value="Drill"' in html
    assert "Kickboksen" not in html.split("De vragenlijst is gewijzigd")[1].split("</form>")[0].split("<form")[1]
    assert "Welke sport beoefent de jongere?" in html  # named as dropped
    assert "Naar welke muziek luistert de jongere vaak?" in html  # named as reworded
    new_revision = rendered_revision(html)
    assert new_revision != old_revision

    stored = client.post(
        URL,
        intake_post(
            vragenlijst_versie=new_revision,
            **{
                f"vraag_{school.uuid}": "Het Lyceum",
                f"vraag_{muziek.uuid}": "Drill",
                f"vraag_{sport.uuid}": "Kickboksen",
            },
        ),
    )
    assert stored.status_code == 302
    answers = {a["question_id"]: a for a in Signal.objects.get().answers}
    assert set(answers) == {str(school.uuid), str(muziek.uuid)}
    assert answers[str(school.uuid)]["answer"] == "Het Lyceum"
    assert answers[str(muziek.uuid)]["answer"] == "Drill"
    assert answers[str(muziek.uuid)]["label"] == "Naar welke muziek luistert de jongere vaak?"
    assert all(a["answer"] != "Kickboksen" for a in answers.values())


def test_art_7_2_a_hidden_required_question_is_not_required_and_its_answer_is_dropped():
    page = publish([question("Zit het subject op school?", QuestionType.RADIO, required=True, choices="Ja\nNee")])
    (op_school,) = live_questions(page)
    page = publish(
        [
            op_school,
            question("Welke school?", required=True, show_when_question=str(op_school.uuid), show_when_value="Ja"),
        ],
        page,
    )
    op_school, welke = live_questions(page)
    client = verified_client(melder())
    revision = rendered_revision(client.get(URL).content.decode())
    base = intake_post(vragenlijst_versie=revision)
    shown_but_empty = client.post(URL, {**base, f"vraag_{op_school.uuid}": "Ja"})
    assert shown_but_empty.status_code == 400
    assert "Dit veld is verplicht." in shown_but_empty.content.decode()
    hidden = client.post(URL, {**base, f"vraag_{op_school.uuid}": "Nee", f"vraag_{welke.uuid}": "Het Lyceum"})
    assert hidden.status_code == 302
    answers = Signal.objects.get().answers
    assert [a["question_id"] for a in answers] == [str(op_school.uuid)]  # the hidden answer is dropped


def test_art_7_2_date_question_takes_dag_maand_jaar_and_refuses_the_future():
    page = publish([question("Sinds wanneer speelt dit?", QuestionType.DATE, date_not_in_future=True)])
    (sinds,) = live_questions(page)
    client = verified_client(melder())
    revision = rendered_revision(client.get(URL).content.decode())
    future = client.post(URL, intake_post(vragenlijst_versie=revision, **{f"vraag_{sinds.uuid}": "01-01-2999"}))
    assert future.status_code == 400
    assert "niet in de toekomst" in future.content.decode()
    ok = client.post(URL, intake_post(vragenlijst_versie=revision, **{f"vraag_{sinds.uuid}": "15-03-2024"}))
    assert ok.status_code == 302
    assert Signal.objects.get().answers[0]["answer"] == "15-03-2024"


def test_art_7_2_radio_questions_are_a_fieldset_with_legend():
    publish([question("Eerder in beeld?", QuestionType.RADIO, choices="Ja\nNee")])
    html = verified_client(melder()).get(URL).content.decode()
    assert "<legend>Eerder in beeld?" in html


def test_art_7_1_intake_form_page_shows_only_the_question_list_publicly():
    """Issue 5."""
    page = published_form()
    request = RequestFactory().get("/")
    request.user = type("Anon", (), {"is_authenticated": False, "is_verified": lambda self: False})()
    html = page.serve(request).rendered_content
    assert "Via welk kanaal kwam het signaal binnen?" in html
    assert "<form" not in html.split("<main")[1]


def test_issue_5_seed_command_publishes_a_starter_list_once_in_order():
    """Issue 5."""
    from django.core.management import call_command

    home_page()
    call_command("seed_intake_form", verbosity=0)
    call_command("seed_intake_form", verbosity=0)
    assert IntakeFormPage.objects.count() == 1
    definition = intake_definition_published()
    assert definition is not None
    assert len(definition.questions) == 3
    assert [q.sort_order for q in IntakeFormPage.objects.get().questions.all()] == [0, 1, 2]
