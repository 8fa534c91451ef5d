"""The published intake questions, as plain data the intake form renders (issues 5 and 19).

Every question is identified by its ``uuid``, which survives revisions; the form field of a
question is named ``vraag_<uuid>``, so a posted answer can only ever land on the question it was
given for. ``IntakeDefinition.version_label`` is the readable "versie 3, 30-11-2026".
"""

from __future__ import annotations

import dataclasses
import datetime
import re

from django import forms as django_forms
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.utils import timezone
from wagtail.models import Revision

from forms.guardrails import date_from_text
from forms.models import CHOICE_TYPES, IntakeFormPage, QuestionType
from pages.versions import published_versions

FIELD_PREFIX = "vraag_"
REVISION_FIELD = "vragenlijst_versie"
DEFAULT_MAX_LENGTH = {QuestionType.SINGLELINE: 300, QuestionType.MULTILINE: 2000}


@dataclasses.dataclass(frozen=True)
class IntakeQuestionDef:
    uuid: str
    label: str
    field_type: str
    help_text: str
    required: bool
    choices: tuple[str, ...]
    section: str = ""
    default_value: str = ""
    max_length: int | None = None
    pattern: str = ""
    min_value: int | None = None
    max_value: int | None = None
    date_not_in_future: bool = False
    date_min: datetime.date | None = None
    date_max: datetime.date | None = None
    show_when_question: str = ""
    show_when_value: str = ""
    special_category: str = ""

    @property
    def key(self) -> str:
        return f"{FIELD_PREFIX}{self.uuid}"


@dataclasses.dataclass(frozen=True)
class IntakeDefinition:
    page_id: int
    revision_id: int
    intro: str
    questions: tuple[IntakeQuestionDef, ...]
    version_number: int | None = None
    published_at: datetime.datetime | None = None

    @property
    def version_label(self) -> str:
        return version_label(self.version_number, self.published_at, self.revision_id)

    def question(self, uuid: str) -> IntakeQuestionDef | None:
        return next((q for q in self.questions if q.uuid == uuid), None)

    def sections(self) -> list[tuple[str, list[IntakeQuestionDef]]]:
        """Consecutive questions with the same section, in order: (heading, questions)."""
        groups: list[tuple[str, list[IntakeQuestionDef]]] = []
        for q in self.questions:
            if groups and groups[-1][0] == q.section:
                groups[-1][1].append(q)
            else:
                groups.append((q.section, [q]))
        return groups


def version_label(number: int | None, published_at: datetime.datetime | None, revision_id: int | None) -> str:
    if number is None:
        return "onbekende versie" if revision_id is None else "een niet-gepubliceerde versie"
    if published_at is None:
        return f"versie {number}"
    return f"versie {number}, {timezone.localtime(published_at):%d-%m-%Y}"


def intake_definition_published() -> IntakeDefinition | None:
    """The questions of the *published* revision of the intake form page (drafts never count)."""
    page = IntakeFormPage.objects.live().select_related("live_revision").order_by("pk").first()
    if page is None or page.live_revision is None:
        return None
    return _definition_from_revision(page.live_revision)


def intake_definition_at_revision(revision_id: int) -> IntakeDefinition | None:
    """The questions as they were in ``revision_id`` (only revisions of the intake form page)."""
    page_type = ContentType.objects.get_for_model(IntakeFormPage)
    revision = Revision.objects.filter(pk=revision_id, content_type=page_type).first()
    if revision is None:
        return None
    return _definition_from_revision(revision)


def _definition_from_revision(revision) -> IntakeDefinition:
    page = revision.as_object()
    number = published_at = None
    for version in published_versions(page):
        if version.revision_id == revision.pk:
            number, published_at = version.number, version.published_at
    questions = tuple(
        IntakeQuestionDef(
            uuid=str(q.uuid),
            label=q.label,
            field_type=q.field_type,
            help_text=q.help_text,
            required=q.required,
            choices=tuple(q.choice_list()),
            section=q.section,
            default_value=q.default_value,
            max_length=q.max_length,
            pattern=q.pattern,
            min_value=q.min_value,
            max_value=q.max_value,
            date_not_in_future=q.date_not_in_future,
            date_min=q.date_min,
            date_max=q.date_max,
            show_when_question=q.show_when_question,
            show_when_value=q.show_when_value,
            special_category=q.special_category,
        )
        for q in page.questions.all()
    )
    return IntakeDefinition(
        page_id=page.pk,
        revision_id=revision.pk,
        intro=page.intro,
        questions=questions,
        version_number=number,
        published_at=published_at,
    )


def question_description(q) -> str:
    """A question in words (type, required, choices, checks): what the approver's diff compares."""
    parts = [f"Soort: {q.get_field_type_display()}", "verplicht" if q.required else "niet verplicht"]
    if q.section:
        parts.append(f"onderdeel: {q.section}")
    if q.help_text:
        parts.append(f"hulptekst: {q.help_text}")
    if q.choice_list():
        parts.append("keuzes: " + " | ".join(q.choice_list()))
    if q.default_value:
        parts.append(f"standaard: {q.default_value}")
    if q.max_length:
        parts.append(f"ten hoogste {q.max_length} tekens")
    if q.pattern:
        parts.append(f"patroon: {q.pattern}")
    if q.min_value is not None or q.max_value is not None:
        low = "…" if q.min_value is None else q.min_value
        high = "…" if q.max_value is None else q.max_value
        parts.append(f"getal van {low} tot {high}")
    if q.date_not_in_future:
        parts.append("datum niet in de toekomst")
    if q.date_min or q.date_max:
        parts.append(f"datum van {q.date_min or '…'} tot {q.date_max or '…'}")
    if q.show_when_question:
        parts.append(f"alleen tonen bij antwoord “{q.show_when_value}” op een eerdere vraag")
    if q.special_category and q.special_category != "geen":
        parts.append(f"bijzondere persoonsgegevens ({q.get_special_category_display()}); grondslag: {q.legal_ground}")
    return "; ".join(parts) + "."


MESSAGES = {
    "required": "Dit veld is verplicht.",
    "invalid": "Vul een geldige waarde in.",
    "invalid_choice": "Maak een keuze uit de lijst.",
    "max_length": "Gebruik ten hoogste %(limit_value)d tekens (nu %(show_value)d).",
    "min_value": "Vul een getal in van ten minste %(limit_value)s.",
    "max_value": "Vul een getal in van ten hoogste %(limit_value)s.",
}


class DutchDateField(django_forms.DateField):
    """A date typed as dag-maand-jaar (the browser's date field posts jjjj-mm-dd), with its limits."""

    def __init__(self, *, not_in_future=False, earliest=None, latest=None, **kwargs):
        self.not_in_future, self.earliest, self.latest = not_in_future, earliest, latest
        kwargs.setdefault("input_formats", ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"])
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.not_in_future and value > timezone.localdate():
            raise django_forms.ValidationError("Deze datum mag niet in de toekomst liggen.", code="datum_toekomst")
        if self.earliest and value < self.earliest:
            raise django_forms.ValidationError(
                f"Kies een datum op of na {self.earliest:%d-%m-%Y}.", code="datum_te_vroeg"
            )
        if self.latest and value > self.latest:
            raise django_forms.ValidationError(
                f"Kies een datum op of vóór {self.latest:%d-%m-%Y}.", code="datum_te_laat"
            )


def intake_question_field(question: IntakeQuestionDef) -> django_forms.Field:
    """A Django form field for one published question (Dutch messages, length-limited)."""
    common = {
        "label": question.label,
        "help_text": question.help_text,
        "required": question.required,
        "error_messages": dict(MESSAGES),
    }
    choices = [(c, c) for c in question.choices]
    kind = question.field_type
    if kind in (QuestionType.SINGLELINE, QuestionType.MULTILINE):
        limit = question.max_length or DEFAULT_MAX_LENGTH[kind]
        validators = []
        if question.pattern:
            validators.append(
                RegexValidator(re.compile(rf"(?:{question.pattern})\Z"), "Het antwoord heeft niet de gevraagde vorm.")
            )
        widget = django_forms.Textarea(attrs={"rows": 4}) if kind == QuestionType.MULTILINE else None
        return django_forms.CharField(max_length=limit, validators=validators, widget=widget, **common)
    match kind:
        case QuestionType.NUMBER:
            return django_forms.IntegerField(min_value=question.min_value, max_value=question.max_value, **common)
        case QuestionType.EMAIL:
            common["error_messages"]["invalid"] = "Vul een geldig e-mailadres in."
            return django_forms.EmailField(max_length=254, **common)
        case QuestionType.PHONE:
            return django_forms.CharField(
                max_length=20,
                validators=[RegexValidator(r"^\+?[0-9 ()-]{6,20}$", "Vul een geldig telefoonnummer in.")],
                widget=django_forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
                **common,
            )
        case QuestionType.DATE:
            common["error_messages"]["invalid"] = (
                "Vul een geldige datum in als dag-maand-jaar, bijvoorbeeld 30-11-2026."
            )
            return DutchDateField(
                not_in_future=question.date_not_in_future,
                earliest=question.date_min,
                latest=question.date_max,
                widget=django_forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                **common,
            )
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
    return django_forms.CharField(max_length=300, **common)  # pragma: no cover - every type is listed above


def intake_question_initial(question: IntakeQuestionDef):
    """The editor's default value as the form field's initial value."""
    value = question.default_value.strip()
    if not value:
        return None
    if question.field_type == QuestionType.CHECKBOXES:
        return [v.strip() for v in value.split(";")]
    if question.field_type == QuestionType.CHECKBOX:
        return value == "Ja"
    if question.field_type == QuestionType.DATE:
        return date_from_text(value)
    return value


def answer_text(question: IntakeQuestionDef, value) -> str:
    """A cleaned value as the text stored and shown to the weegploeg."""
    if question.field_type in CHOICE_TYPES and isinstance(value, list):
        return ", ".join(value)
    if question.field_type == QuestionType.CHECKBOX:
        return "Ja" if value else "Nee"
    if question.field_type == QuestionType.DATE and value:
        return f"{value:%d-%m-%Y}"
    if value is None:
        return ""
    return str(value)


def question_is_shown(definition: IntakeDefinition, question: IntakeQuestionDef, cleaned: dict) -> bool:
    """Server-side condition: is ``question`` shown given the other answers (a chain of conditions holds)?"""
    seen: set[str] = set()
    while question.show_when_question:
        if question.uuid in seen:
            return False
        seen.add(question.uuid)
        source = definition.question(question.show_when_question)
        if source is None:
            return False
        value = cleaned.get(source.key)
        if source.field_type == QuestionType.CHECKBOX:
            actual = ["Ja" if value else "Nee"]
        elif isinstance(value, list):
            actual = value
        else:
            actual = [value]
        if question.show_when_value not in actual:
            return False
        question = source
    return True


def intake_version(revision_id: int | None) -> tuple[str, str | None]:
    """The readable label of a question-list revision and the public URL of that version (if published)."""
    if not revision_id:
        return "onbekende versie", None
    definition = intake_definition_at_revision(revision_id)
    if definition is None:
        return "onbekende versie", None
    if definition.version_number is None:
        return definition.version_label, None
    page = IntakeFormPage.objects.filter(pk=definition.page_id).first()
    url = None
    if page is not None and page.live and page.url:
        url = page.url + page.reverse_subpage("version", args=(revision_id,))
    return definition.version_label, url
