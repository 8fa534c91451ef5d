"""Correction reaches the intake answers (art. 12.5-12.6, issue 19.5).

A correction item of a rights request can name an intake answer by its question's stable id
(``antwoord:<uuid>`` in the register form). The question stays as it was answered; only the
answer changes, with the date of the correction (``forms.services.intake_answer_correct``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone

from forms.models import IntakeFormPage
from forms.selectors import intake_definition_at_revision
from forms.services import intake_answer_correct
from pages.versions import published_versions

INTAKE_FIELD = "intake_answer"
INTAKE_PREFIX = "antwoord:"
ANSWER_MAX = 2000


def intake_correction_choices() -> list[tuple[str, str]]:
    """Every question of every published version of the question list (latest wording first seen),
    as register-form choices ``antwoord:<uuid>``."""
    labels: dict[str, str] = {}
    for page in IntakeFormPage.objects.all():
        for version in reversed(published_versions(page)):
            definition = intake_definition_at_revision(version.revision_id)
            for question in definition.questions if definition else ():
                labels.setdefault(question.uuid, question.label)
    return [(f"{INTAKE_PREFIX}{uuid}", f"Antwoord op de vraag: {label}") for uuid, label in labels.items()]


def intake_correction_split(field: str) -> str | None:
    """The question id of an ``antwoord:<uuid>`` choice, or None for a subject field."""
    if field and field.startswith(INTAKE_PREFIX):
        return field[len(INTAKE_PREFIX) :][:36]
    return None


def intake_answer_label(files: Iterable, question_id: str) -> str:
    """The question as answered in one of these files' signals; a Dutch error when none answered it."""
    for file in files:
        for signal in file.signals.all():
            for answer in signal.answers or []:
                if answer.get("question_id") == question_id:
                    return str(answer.get("label", ""))[:500]
    raise ValidationError(
        "Het weegploegdossier bevat geen antwoord op die vraag; kies een ander gegeven.", code="antwoord_onbekend"
    )


def intake_correction_value(raw: str) -> str:
    value = (raw or "").strip()
    if len(value) > ANSWER_MAX:
        raise ValidationError(
            f"Gebruik ten hoogste {ANSWER_MAX} tekens voor het gecorrigeerde antwoord.", code="antwoord_te_lang"
        )
    return value


def intake_answers_correct(files: Iterable, question_id: str, new_answer: str) -> list[str]:
    """Art. 12.6: correct the answer to ``question_id`` in every signal of these files that has one;
    returns the numbers of the files changed."""
    changed = []
    for file in files:
        touched = False
        for signal in file.signals.all():
            if any(a.get("question_id") == question_id for a in signal.answers or []):
                intake_answer_correct(signal, question_id=question_id, new_answer=new_answer)
                touched = True
        if touched:
            file.last_processed_at = timezone.now()
            file.save(update_fields=["last_processed_at"])
            changed.append(file.number)
    return changed


def correction_item_fields(field: str, labels: dict[str, str]) -> dict:
    """The ``CorrectionItem`` fields for a register-form choice: a subject field, or an intake answer."""
    question_id = intake_correction_split(field)
    if question_id is None:
        return {"field": field}
    return {"field": INTAKE_FIELD, "question_id": question_id, "question_label": labels.get(question_id, "")}
