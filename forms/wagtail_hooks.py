"""Admin hooks of the intake question list: the keyword check on special categories only warns (issue 19.3)."""

from __future__ import annotations

from django.contrib import messages
from wagtail import hooks

from forms.guardrails import question_warnings
from forms.models import IntakeFormPage


def _warn(request, page) -> None:
    page = page.specific
    if not isinstance(page, IntakeFormPage):
        return
    for question in page.get_latest_revision_as_object().questions.all():
        for warning in question_warnings(question):
            messages.warning(request, warning)


@hooks.register("after_edit_page")
def intake_questions_warn_after_edit(request, page):
    _warn(request, page)


@hooks.register("after_create_page")
def intake_questions_warn_after_create(request, page):
    _warn(request, page)
