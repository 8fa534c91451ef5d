"""Building and publishing intake question lists in tests."""

from __future__ import annotations

import re

from forms.models import IntakeFormPage, IntakeQuestion, QuestionType, SpecialCategory
from tests.weegploeg.fixtures import home_page


def question(label: str, field_type=QuestionType.SINGLELINE, **kwargs) -> IntakeQuestion:
    kwargs.setdefault("special_category", SpecialCategory.NONE)
    return IntakeQuestion(label=label, field_type=field_type, **kwargs)


def publish(questions: list[IntakeQuestion], page: IntakeFormPage | None = None) -> IntakeFormPage:
    """Publish ``questions`` as the (new) live revision of the question list, in this order."""
    for index, q in enumerate(questions):
        q.sort_order = index
    if page is None:
        page = IntakeFormPage(
            title="Aanvullende vragen", slug="aanvullende-vragen", intro="Beantwoord zo goed mogelijk."
        )
        page.questions = questions
        home_page().add_child(instance=page)
    else:
        page = IntakeFormPage.objects.get(pk=page.pk)
        page.questions = questions
    page.save_revision().publish()
    return IntakeFormPage.objects.get(pk=page.pk)


def live_questions(page: IntakeFormPage) -> list[IntakeQuestion]:
    return list(IntakeFormPage.objects.get(pk=page.pk).questions.all())


def rendered_revision(html: str) -> str:
    return re.search(r'name="vragenlijst_versie" value="(\d+)"', html).group(1)
