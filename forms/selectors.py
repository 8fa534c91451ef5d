"""The published intake questions, as plain data the intake form renders."""

from __future__ import annotations

import dataclasses

from django import forms as django_forms

from forms.models import CHOICE_TYPES, IntakeFormPage, QuestionType


@dataclasses.dataclass(frozen=True)
class IntakeQuestionDef:
    key: str
    label: str
    field_type: str
    help_text: str
    required: bool
    choices: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class IntakeDefinition:
    page_id: int
    revision_id: int
    intro: str
    questions: tuple[IntakeQuestionDef, ...]


def intake_definition_published() -> IntakeDefinition | None:
    """The questions of the *published* revision of the intake form page (drafts never count)."""
    page = IntakeFormPage.objects.live().select_related("live_revision").order_by("pk").first()
    if page is None or page.live_revision is None:
        return None
    return _definition_from_revision(page.live_revision)


def intake_definition_at_revision(revision_id: int) -> IntakeDefinition | None:
    from wagtail.models import Revision

    revision = Revision.objects.filter(pk=revision_id).first()
    if revision is None:
        return None
    return _definition_from_revision(revision)


def _definition_from_revision(revision) -> IntakeDefinition:
    page = revision.as_object()
    questions = tuple(
        IntakeQuestionDef(
            key=f"vraag_{index}",
            label=question.label,
            field_type=question.field_type,
            help_text=question.help_text,
            required=question.required,
            choices=tuple(question.choice_list()),
        )
        for index, question in enumerate(page.questions.all(), start=1)
    )
    return IntakeDefinition(page_id=page.pk, revision_id=revision.pk, intro=page.intro, questions=questions)


def intake_question_field(question: IntakeQuestionDef) -> django_forms.Field:
    """A Django form field for one published question (Dutch messages, length-limited)."""
    messages = {
        "required": "Dit veld is verplicht.",
        "invalid": "Vul een geldige waarde in.",
        "invalid_choice": "Maak een keuze uit de lijst.",
        "max_length": "Gebruik ten hoogste %(limit_value)d tekens (nu %(show_value)d).",
    }
    common = {
        "label": question.label,
        "help_text": question.help_text,
        "required": question.required,
        "error_messages": messages,
    }
    choices = [(c, c) for c in question.choices]
    match question.field_type:
        case QuestionType.MULTILINE:
            return django_forms.CharField(max_length=2000, widget=django_forms.Textarea(attrs={"rows": 4}), **common)
        case QuestionType.DATE:
            return django_forms.DateField(widget=django_forms.DateInput(attrs={"type": "date"}), **common)
        case QuestionType.DROPDOWN:
            return django_forms.ChoiceField(choices=[("", "— maak een keuze —"), *choices], **common)
        case QuestionType.RADIO:
            return django_forms.ChoiceField(choices=choices, widget=django_forms.RadioSelect, **common)
        case QuestionType.CHECKBOXES:
            return django_forms.MultipleChoiceField(
                choices=choices, widget=django_forms.CheckboxSelectMultiple, **common
            )
        case QuestionType.CHECKBOX:
            return django_forms.BooleanField(**common)
        case _:
            return django_forms.CharField(max_length=300, **common)


def intake_answers_serialise(definition: IntakeDefinition, cleaned: dict) -> list[dict]:
    """The answers as stored with the signal: label, type and a text value per question."""
    result = []
    for question in definition.questions:
        value = cleaned.get(question.key)
        if question.field_type in CHOICE_TYPES and isinstance(value, list):
            text = ", ".join(value)
        elif question.field_type == QuestionType.CHECKBOX:
            text = "Ja" if value else "Nee"
        elif question.field_type == QuestionType.DATE and value:
            text = value.isoformat()
        else:
            text = value or ""
        result.append({"key": question.key, "label": question.label, "answer": text})
    return result
