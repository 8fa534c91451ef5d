"""The intake question list: seeding it, and the melder's form built from its published revision."""

from __future__ import annotations

import dataclasses

from django import forms as django_forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from forms.models import IntakeFormPage, IntakeQuestion, QuestionType, SpecialCategory
from forms.selectors import (
    FIELD_PREFIX,
    REVISION_FIELD,
    IntakeDefinition,
    answer_text,
    intake_definition_at_revision,
    intake_definition_published,
    intake_question_field,
    intake_question_initial,
    question_is_shown,
)
from pages.models import HomePage
from pages.permissions import pages_permissions_sync

STARTER_QUESTIONS = [
    ("Via welk kanaal kwam het signaal binnen?", QuestionType.DROPDOWN, True, "Telefoon\nE-mail\nPersoonlijk\nAnders"),
    ("Is het subject eerder in beeld geweest bij uw organisatie?", QuestionType.RADIO, False, "Ja\nNee\nOnbekend"),
    ("Zijn er minderjarigen in de directe omgeving van het subject?", QuestionType.CHECKBOX, False, ""),
]


@transaction.atomic
def intake_form_seed(*, publish: bool = True) -> IntakeFormPage | None:
    """Create the question list under the home page once (published for the demo); None without a home page."""
    existing = IntakeFormPage.objects.first()
    if existing is not None:
        return existing
    home = HomePage.objects.first()
    if home is None:
        return None
    page = IntakeFormPage(
        title="Aanvullende vragen meldformulier",
        slug="vragenlijst-meldformulier",
        intro="Deze vragen vullen de vaste vragen over subject, signaal en melder aan.",
    )
    page.questions = [
        IntakeQuestion(
            label=label,
            field_type=kind,
            required=required,
            choices=choices,
            special_category=SpecialCategory.NONE,
            sort_order=index,
        )
        for index, (label, kind, required, choices) in enumerate(STARTER_QUESTIONS)
    ]
    home.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()

    pages_permissions_sync()  # the beleidsredacteur edits the new question list (issue 19.1)
    return page


# --- The melder's form (issue 19.2–19.4) ---------------------------------------------------------


@dataclasses.dataclass
class IntakeQuestions:
    """The extra questions on one intake form: the definition, the field names and what changed."""

    definition: IntakeDefinition | None
    changed: bool = False  # the posted form was rendered from another revision than the live one
    dropped: list[str] = dataclasses.field(default_factory=list)  # labels of answers that could not be kept
    reworded: list[str] = dataclasses.field(default_factory=list)  # labels (new wording) to check again

    @property
    def names(self) -> list[str]:
        return [q.key for q in self.definition.questions] if self.definition else []


def intake_questions_attach(form_class, data, *, prefix_form=None) -> tuple[object, IntakeQuestions]:
    """Build the intake form (``form_class``) with the published questions.

    GET: an unbound form with the editor's defaults and the live revision in a hidden field.
    POST of the live revision: a bound form. POST of another revision (or none): an *unbound* form
    that keeps every answer that still fits the live questions (same question id, valid for its
    field) and every fixed field, and reports what changed; nothing is stored from that post.
    """
    definition = intake_definition_published()
    questions = IntakeQuestions(definition)
    if data is None:
        form = form_class()
        _add_fields(form, definition)
        return form, questions
    posted = data.get(REVISION_FIELD, "")
    if definition is None or (posted.isdigit() and int(posted) == definition.revision_id):
        form = form_class(data)
        _add_fields(form, definition)
        return form, questions
    questions.changed = True
    old = intake_definition_at_revision(int(posted)) if posted.isdigit() and len(posted) < 12 else None
    probe = form_class(data)
    _add_fields(probe, definition)
    initial = {}
    for name, field in probe.fields.items():
        if name == REVISION_FIELD:
            continue
        value = field.widget.value_from_datadict(probe.data, probe.files, probe.add_prefix(name))
        if name.startswith(FIELD_PREFIX):
            value = _fitting(field, value)
        if value not in (None, "", []):
            initial[name] = value
    for question in definition.questions:
        before = old.question(question.uuid) if old else None
        if before is not None and before.label != question.label and question.key in initial:
            questions.reworded.append(question.label)
    if old is not None:
        for question in old.questions:
            answered = probe.data.get(question.key) not in (None, "")
            if answered and question.key not in initial:
                questions.dropped.append(question.label)
    form = form_class(initial=initial)
    _add_fields(form, definition)
    for name, value in initial.items():
        form.fields[name].initial = value
    return form, questions


def _fitting(field, value):
    """The raw value when it is a valid answer for the live field, else None."""
    if value in (None, "", []):
        return None
    try:
        field.clean(value)
    except ValidationError:
        return None
    return value


def _add_fields(form, definition: IntakeDefinition | None) -> None:
    if definition is None:
        return
    form.fields[REVISION_FIELD] = django_forms.CharField(
        widget=django_forms.HiddenInput, required=False, initial=definition.revision_id
    )
    for question in definition.questions:
        field = intake_question_field(question)
        if question.show_when_question:
            source = definition.question(question.show_when_question)
            field.required = False  # required only when shown: checked in intake_answers_collect
            if source is not None:
                hint = f"Alleen beantwoorden als u bij “{source.label}” “{question.show_when_value}” koos."
                field.help_text = f"{field.help_text} {hint}".strip()
                # for forms/static/forms/intake-conditions.js (the server keeps the truth)
                field.show_when_key, field.show_when_value = source.key, question.show_when_value
        initial = intake_question_initial(question)
        if initial is not None:
            field.initial = initial
        form.fields[question.key] = field


def intake_answers_collect(form, questions: IntakeQuestions) -> list[dict] | None:
    """After ``form.is_valid()``: the answers to store, or None when a shown required question is empty.

    Conditions are evaluated here, on the server: an answer to a hidden question is dropped, a
    hidden required question is not required. Each answer carries the question id, its text and
    the revision as answered.
    """
    definition = questions.definition
    if definition is None:
        return []
    cleaned = form.cleaned_data
    answers: list[dict] = []
    complete = True
    for question in definition.questions:
        if not question_is_shown(definition, question, cleaned):
            continue
        value = cleaned.get(question.key)
        if question.required and question.show_when_question and value in (None, "", []):
            form.add_error(question.key, "Dit veld is verplicht.")
            complete = False
            continue
        answers.append(
            {
                "question_id": question.uuid,
                "label": question.label,
                "answer": answer_text(question, value),
                "revision_id": definition.revision_id,
            }
        )
    return answers if complete else None


def intake_form_context(form, questions: IntakeQuestions) -> dict:
    """What the intake template needs for the extra questions: sections of bound fields and notices."""
    definition = questions.definition
    sections = []
    if definition is not None:
        for heading, group in definition.sections():
            sections.append((heading, [form[q.key] for q in group]))
    return {
        "definition": definition,
        "intake_sections": sections,
        "extra_fields": [form[name] for name in questions.names],
        "intake_revision_field": form[REVISION_FIELD] if definition is not None else None,
        "intake_changed": questions.changed,
        "intake_dropped": questions.dropped,
        "intake_reworded": questions.reworded,
    }


def intake_answer_correct(signal, *, question_id: str, new_answer: str) -> None:
    """Art. 12.5–12.6 (issue 19.5): correct one stored intake answer of ``signal``, found by question id.

    The question text and revision stay as answered; the answer gets the correction date. For the
    rights correction flow (``rights.services.correction.correction_execute``) to call once its items can name
    an intake answer.
    """
    value = (new_answer or "").strip()
    if len(value) > 2000:
        raise ValidationError(
            "Gebruik ten hoogste 2000 tekens voor het gecorrigeerde antwoord.", code="antwoord_te_lang"
        )
    answers = [dict(a) for a in signal.answers or []]
    matches = [a for a in answers if question_id and a.get("question_id") == question_id]
    if not matches:
        raise ValidationError("Dit signaal heeft geen antwoord op die vraag.", code="antwoord_onbekend")
    for answer in matches:
        answer["answer"] = value
        answer["corrected_on"] = timezone.localdate().isoformat()
    signal.answers = answers
    signal.save(update_fields=["answers"])
