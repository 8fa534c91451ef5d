"""Low-code intake questions (issue 5): policy editors define extra questions for the intake form.

Choice made: a Wagtail page type, ``IntakeFormPage``, placed under the home page, with its
questions as an inline list (in the manner of Wagtail's form builder). Pages get drafts,
revisions, moderation workflows and scheduled publication out of the box, so the questions are
reviewed and published exactly like the annexes. The intake renders only the *published*
revision (``intakeforms.selectors.intake_definition_published``) and stores the answers with the
signal in the weegploeg file together with that revision id. This page is deliberately *not*
a Wagtail ``AbstractForm``: nothing is ever stored in Wagtail's form-submission table, and its
public URL shows only the list of questions, never a form or an answer.
"""

from __future__ import annotations

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index


class QuestionType(models.TextChoices):
    SINGLELINE = "singleline", "Tekstregel"
    MULTILINE = "multiline", "Tekstvak (meerdere regels)"
    DATE = "date", "Datum"
    DROPDOWN = "dropdown", "Keuzelijst"
    RADIO = "radio", "Keuzerondjes (één keuze)"
    CHECKBOXES = "checkboxes", "Aanvinkvakjes (meerdere keuzes)"
    CHECKBOX = "checkbox", "Eén aanvinkvakje (ja/nee)"


CHOICE_TYPES = {QuestionType.DROPDOWN, QuestionType.RADIO, QuestionType.CHECKBOXES}


class IntakeFormPage(Page):
    """The extra questions of the signal intake form, edited and published by policy editors."""

    intro = models.TextField(
        "toelichting",
        blank=True,
        max_length=1000,
        help_text="Wordt boven de aanvullende vragen op het meldformulier getoond.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), InlinePanel("questions", label="Vragen")]
    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    template = "intakeforms/intake_form_page.html"

    class Meta:
        verbose_name = "vragenlijst meldformulier"
        verbose_name_plural = "vragenlijsten meldformulier"


class IntakeQuestion(Orderable):
    """One extra question: type, label, help text, required, choices."""

    page = ParentalKey(IntakeFormPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField("vraag", max_length=200)
    field_type = models.CharField("soort antwoord", max_length=20, choices=QuestionType.choices)
    help_text = models.CharField("hulptekst", max_length=300, blank=True)
    required = models.BooleanField("verplicht", default=False)
    choices = models.TextField(
        "keuzes",
        blank=True,
        max_length=2000,
        help_text="Eén keuze per regel (alleen voor keuzelijst en aanvinkvakjes).",
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("field_type"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("choices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "vraag"
        verbose_name_plural = "vragen"

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.field_type in CHOICE_TYPES and not self.choice_list():
            raise ValidationError({"choices": "Geef voor dit soort vraag minstens één keuze op, één per regel."})

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
