"""Seeding the intake question list for a new installation or the demo."""

from __future__ import annotations

from django.db import transaction

from forms.models import IntakeFormPage, IntakeQuestion, QuestionType

STARTER_QUESTIONS = [
    ("Via welk kanaal kwam het signaal binnen?", QuestionType.DROPDOWN, True, "Telefoon\nE-mail\nPersoonlijk\nAnders"),
    ("Is het subject eerder in beeld geweest bij uw organisatie?", QuestionType.RADIO, False, "Ja\nNee\nOnbekend"),
    ("Zijn er minderjarigen in de directe omgeving van het subject?", QuestionType.CHECKBOX, False, ""),
]


@transaction.atomic
def intake_form_seed(*, publish: bool = True) -> IntakeFormPage | None:
    """Create the question list under the home page once (published for the demo); None without a home page."""
    from pages.models import HomePage

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
        IntakeQuestion(label=label, field_type=kind, required=required, choices=choices)
        for label, kind, required, choices in STARTER_QUESTIONS
    ]
    home.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page
