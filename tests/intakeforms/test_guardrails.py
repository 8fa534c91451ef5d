"""Issue 19.3: what an editor of the intake questions cannot publish, each with a Dutch message."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from forms.guardrails import question_errors, question_warnings, questions_errors
from forms.models import QuestionType, SpecialCategory
from tests.intakeforms.helpers import question


def refused(q) -> dict[str, str]:
    with pytest.raises(ValidationError) as error:
        q.clean()
    assert {e.code for errors in error.value.error_dict.values() for e in errors} == {"vraag_regel"}
    return error.value.message_dict


@pytest.mark.parametrize(
    "label",
    [
        "BSN van het subject",
        "Burgerservicenummer",
        "Geboortedatum",
        "Adres van de jongere",
        "Naam van de melder",
        "Omschrijving van het signaal",
        "Achternaam",
    ],
)
def test_art_8_2_a_question_duplicating_a_fixed_field_is_refused(label):
    errors = refused(question(label))
    assert "vaste vraag van het meldformulier" in errors["label"][0]


def test_art_8_2_an_ordinary_question_passes():
    question("Welke school bezoekt de jongere?").clean()
    question("Heeft de melder contact gehad met de school?", QuestionType.CHECKBOX).clean()


def test_issue_19_3_choices_on_a_type_without_choices_are_refused():
    """Issue 19."""
    errors = refused(question("Sinds wanneer?", QuestionType.DATE, choices="Ja\nNee"))
    assert "geen keuzes" in errors["choices"][0]


def test_issue_19_3_a_choice_question_without_choices_is_refused():
    """Issue 19."""
    assert "minstens één keuze" in refused(question("Kanaal", QuestionType.RADIO, choices="  \n"))["choices"][0]


def test_issue_19_3_a_required_single_checkbox_is_refused():
    """Issue 19."""
    assert "niet verplicht" in refused(question("Akkoord?", QuestionType.CHECKBOX, required=True))["required"][0]


def test_art_9_avg_every_question_states_special_categories_and_a_legal_ground():
    errors = refused(question("Welke school?", special_category=""))
    assert "bijzondere" in errors["special_category"][0]
    errors = refused(question("Welk geloof heeft het subject?", special_category=SpecialCategory.RELIGION))
    assert "grondslag" in errors["legal_ground"][0]
    question(
        "Welk geloof heeft het subject?",
        special_category=SpecialCategory.RELIGION,
        legal_ground="Art. 9 lid 2 sub g AVG jo. art. 30 UAVG; convenant art. 6.",
    ).clean()


def test_art_9_avg_a_keyword_on_the_label_only_warns():
    q = question("Welke religie heeft het subject?")
    q.clean()  # not refused
    assert question_warnings(q)
    assert "art. 9–10 AVG" in question_warnings(q)[0]
    assert question_warnings(question("Welke school?")) == []


def test_issue_19_3_max_length_and_pattern_belong_to_text_and_must_be_valid():
    """Issue 19."""
    assert "tekstregel" in refused(question("Hoeveel?", QuestionType.NUMBER, max_length=5))["max_length"][0]
    assert "1 tot en met 2000" in refused(question("Toelichting", max_length=5000))["max_length"][0]
    assert "geen geldige" in refused(question("Code", pattern="[a-"))["pattern"][0]
    assert "alleen bij een tekstregel" in refused(question("Datum", QuestionType.DATE, pattern="x"))["pattern"][0]


def test_issue_19_3_ranges_belong_to_their_type_and_are_ordered():
    """Issue 19."""
    assert "grootste" in refused(question("Aantal", QuestionType.NUMBER, min_value=5, max_value=1))["max_value"][0]
    assert "bij een datum" in refused(question("Aantal", QuestionType.NUMBER, date_not_in_future=True))["date_min"][0]
    late, early = datetime.date(2026, 1, 1), datetime.date(2025, 1, 1)
    assert "vóór" in refused(question("Sinds", QuestionType.DATE, date_min=late, date_max=early))["date_max"][0]


def test_issue_19_3_a_default_value_must_fit_the_question():
    """Issue 19."""
    assert (
        "een van de keuzes"
        in refused(question("Kanaal", QuestionType.RADIO, choices="Telefoon\nE-mail", default_value="Fax"))[
            "default_value"
        ][0]
    )
    assert (
        "dag-maand-jaar" in refused(question("Sinds", QuestionType.DATE, default_value="gisteren"))["default_value"][0]
    )
    question("Kanaal", QuestionType.RADIO, choices="Telefoon\nE-mail", default_value="E-mail").clean()


def test_issue_19_3_a_condition_points_at_an_earlier_choice_question_and_one_of_its_answers():
    """Issue 19."""
    a = question("Op school?", QuestionType.RADIO, choices="Ja\nNee")
    b = question("Welke school?", show_when_question=str(a.uuid), show_when_value="Ja")
    assert questions_errors([a, b]) == {}
    assert "eerder" in questions_errors([b, a])[0]["show_when_question"]
    wrong = question("Welke school?", show_when_question=str(a.uuid), show_when_value="Misschien")
    assert "Ja, Nee" in questions_errors([a, wrong])[1]["show_when_value"]
    text = question("Naam school?")
    dependent = question("Adres?x", show_when_question=str(text.uuid), show_when_value="x")
    assert "keuzevraag" in questions_errors([text, dependent])[1]["show_when_question"]
    assert question_errors(question("Welke school?", show_when_question=str(a.uuid)))["show_when_value"]
