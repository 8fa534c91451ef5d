"""Issue 19: a stable id per intake question, the editor's guardrails, and the honest conversion of
answers stored by position (``vraag_N``) to answers stored by question id.

Existing questions get a *deterministic* id (uuid5 of their primary key), so the same id can be
written into every stored revision of the question list. An answer ``vraag_N`` of revision R is
linked to question N of R only when the stored label equals that question's label in R; otherwise it
keeps its label and text but gets no question id (we do not guess). Questions without
``sort_order`` (the seeded ones) get their position in the order they were shown.
"""

import uuid

from django.db import migrations

NAMESPACE = uuid.UUID("0b8e5c1e-3f1a-4d51-9a1e-6a7f2c1d9e19")


def legacy_uuid(pk) -> str:
    return str(uuid.uuid5(NAMESPACE, f"intakequestion:{pk}"))


def forwards(apps, schema_editor):
    IntakeQuestion = apps.get_model("intakeforms", "IntakeQuestion")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    Signal = apps.get_model("weegploeg", "Signal")

    for question in IntakeQuestion.objects.all():
        question.uuid = legacy_uuid(question.pk)
        question.save(update_fields=["uuid"])
    page_ids = IntakeQuestion.objects.values_list("page_id", flat=True).distinct()
    for page_id in page_ids:
        rows = list(IntakeQuestion.objects.filter(page_id=page_id).order_by("sort_order", "pk"))
        if any(row.sort_order is None for row in rows):
            for index, row in enumerate(sorted(rows, key=lambda r: (r.sort_order is None, r.sort_order or 0, r.pk))):
                row.sort_order = index
                row.save(update_fields=["sort_order"])

    page_type = ContentType.objects.filter(app_label="intakeforms", model="intakeformpage").first()
    revision_questions: dict[int, list[dict]] = {}
    if page_type is not None:
        for revision in Revision.objects.filter(content_type=page_type):
            content = revision.content or {}
            questions = content.get("questions") or []
            for index, question in enumerate(questions):
                if not question.get("uuid"):
                    key = question.get("pk") or f"r{revision.pk}-{index}"
                    question["uuid"] = legacy_uuid(key)
                if question.get("sort_order") is None:
                    question["sort_order"] = index
                question.setdefault("special_category", "geen")
            content["questions"] = questions
            revision.content = content
            revision.save(update_fields=["content"])
            revision_questions[revision.pk] = sorted(questions, key=lambda q: q["sort_order"])

    for signal in Signal.objects.exclude(answers=[]):
        shown = revision_questions.get(signal.form_revision_id, [])
        converted = []
        for answer in signal.answers or []:
            if "question_id" in answer:
                converted.append(answer)
                continue
            item = {"question_id": None, "label": answer.get("label", ""), "answer": answer.get("answer", "")}
            item["revision_id"] = signal.form_revision_id
            key = str(answer.get("key", ""))
            position = int(key[6:]) if key.startswith("vraag_") and key[6:].isdigit() else 0
            if 1 <= position <= len(shown) and shown[position - 1].get("label") == item["label"]:
                item["question_id"] = shown[position - 1]["uuid"]
            else:
                item["legacy_key"] = key
            converted.append(item)
        signal.answers = converted
        signal.save(update_fields=["answers"])


class Migration(migrations.Migration):
    dependencies = [
        ("intakeforms", "0002_question_identity_and_guardrails"),
        ("weegploeg", "0004_signal_submission_token"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
