"""Issue 19.2: answers stored by position (``vraag_N``) are converted honestly to answers by question id."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from forms.models import IntakeFormPage, IntakeQuestion
from tests.intakeforms.helpers import publish, question
from tests.weegploeg.fixtures import melder, register

pytestmark = pytest.mark.django_db
migration = importlib.import_module("forms.migrations.0003_answers_by_question_id")


def test_art_7_2_legacy_answers_get_the_question_id_only_where_the_question_is_certain():
    page = publish([question("Via welk kanaal?"), question("Welke school?")])
    revision = IntakeFormPage.objects.get(pk=page.pk).live_revision
    for item in revision.content["questions"]:  # as stored before issue 19: no id, no order
        item.pop("uuid", None)
        item["sort_order"] = None
    revision.save(update_fields=["content"])
    kanaal, school = IntakeQuestion.objects.filter(page=page).order_by("sort_order")
    signal = register(melder()).signals.get()
    signal.form_revision_id = revision.pk
    signal.answers = [
        {"key": "vraag_1", "label": "Via welk kanaal?", "answer": "Telefoon"},
        {"key": "vraag_2", "label": "Een vraag die daar niet stond", "answer": "Lyceum"},
    ]
    signal.save()

    migration.forwards(apps, None)

    signal.refresh_from_db()
    first, second = signal.answers
    assert first["question_id"] == migration.legacy_uuid(kanaal.pk)
    assert first["label"] == "Via welk kanaal?"
    assert first["answer"] == "Telefoon"
    assert second["question_id"] is None
    assert second["legacy_key"] == "vraag_2"
    assert str(IntakeQuestion.objects.get(pk=kanaal.pk).uuid) == migration.legacy_uuid(kanaal.pk)
    revision.refresh_from_db()
    assert [q["uuid"] for q in revision.content["questions"]] == [
        migration.legacy_uuid(kanaal.pk),
        migration.legacy_uuid(school.pk),
    ]
