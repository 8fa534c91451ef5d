"""Low-code intake questions (issues 5 and 19): policy editors define extra questions for the intake form.

Choice made: a Wagtail page type, ``IntakeFormPage``, placed under the home page, with its
questions as an inline list (in the manner of Wagtail's form builder). Pages get drafts,
revisions, moderation workflows and scheduled publication out of the box, so the questions are
reviewed and published exactly like the annexes. The intake renders only the *published*
revision (``forms.selectors.intake_definition_published``) and stores the answers with the
signal in the weegploeg file, each under the question's stable ``uuid`` together with the
question text and the revision as answered. This page is deliberately *not* a Wagtail
``AbstractForm``: nothing is ever stored in Wagtail's form-submission table, and its public URL
shows only the list of questions, never a form or an answer.

The rules an editor cannot break (issue 19.3) live in ``forms.guardrails`` and run in
``IntakeQuestion.clean`` and the page's admin form (``forms.admin_forms``).
"""

from __future__ import annotations

import uuid

from django import forms as django_forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages.models import VersionedPageMixin


class QuestionType(models.TextChoices):
    SINGLELINE = "singleline", "Tekstregel"
    MULTILINE = "multiline", "Tekstvak (meerdere regels)"
    NUMBER = "number", "Getal"
    EMAIL = "email", "E-mailadres"
    PHONE = "phone", "Telefoonnummer"
    DATE = "date", "Datum"
    DROPDOWN = "dropdown", "Keuzelijst"
    RADIO = "radio", "Keuzerondjes (één keuze)"
    CHECKBOXES = "checkboxes", "Aanvinkvakjes (meerdere keuzes)"
    CHECKBOX = "checkbox", "Eén aanvinkvakje (ja/nee)"


CHOICE_TYPES = {QuestionType.DROPDOWN, QuestionType.RADIO, QuestionType.CHECKBOXES}
TEXT_TYPES = {QuestionType.SINGLELINE, QuestionType.MULTILINE}


class SpecialCategory(models.TextChoices):
    """Art. 9 and 10 AVG: does the question ask for special categories or criminal data?"""

    NONE = "geen", "Nee, geen bijzondere persoonsgegevens"
    RELIGION = "religie", "Ja: godsdienst of levensovertuiging"
    HEALTH = "gezondheid", "Ja: gezondheid"
    ORIGIN = "afkomst", "Ja: ras of etnische afkomst"
    POLITICS = "politiek", "Ja: politieke opvattingen"
    UNION = "vakbond", "Ja: lidmaatschap van een vakbond"
    SEXUAL = "seksueel", "Ja: seksueel gedrag of seksuele gerichtheid"
    BIOMETRIC = "biometrisch", "Ja: genetische of biometrische gegevens"
    CRIMINAL = "strafrechtelijk", "Ja: strafrechtelijke gegevens (art. 10 AVG)"


DATE_INPUT = django_forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IntakeFormPage(VersionedPageMixin, Page):
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

    def version_sections(self) -> list[tuple[str, str, str]]:
        """One section per question (keyed by its stable id): what the version diff compares."""
        from forms.selectors import question_description  # imports forms.models: cycle

        return [(str(q.uuid), q.label, f"Vraag: {q.label} — {question_description(q)}") for q in self.questions.all()]


class IntakeQuestion(Orderable):
    """One extra question with a stable id; type, guards, condition and AVG classification."""

    page = ParentalKey(IntakeFormPage, on_delete=models.CASCADE, related_name="questions")
    uuid = models.UUIDField("vaste vraag-id", default=uuid.uuid4, editable=False)
    section = models.CharField(
        "onderdeel",
        max_length=120,
        blank=True,
        help_text="Vragen met hetzelfde onderdeel na elkaar staan samen onder deze kop.",
    )
    label = models.CharField("vraag", max_length=200)
    field_type = models.CharField("soort antwoord", max_length=20, choices=QuestionType.choices)
    help_text = models.CharField("hulptekst", max_length=300, blank=True)
    required = models.BooleanField("verplicht", default=False)
    choices = models.TextField(
        "keuzes",
        blank=True,
        max_length=2000,
        help_text="Eén keuze per regel (alleen voor keuzelijst, keuzerondjes en aanvinkvakjes).",
    )
    default_value = models.CharField(
        "standaardwaarde",
        max_length=300,
        blank=True,
        help_text="Vooraf ingevuld. Bij keuzes: een van de keuzes; bij een datum: dd-mm-jjjj; bij ja/nee: Ja of Nee.",
    )
    max_length = models.PositiveIntegerField(
        "maximale lengte", null=True, blank=True, help_text="Alleen voor tekstregel en tekstvak (ten hoogste 2000)."
    )
    pattern = models.CharField(
        "patroon",
        max_length=200,
        blank=True,
        help_text="Reguliere expressie waaraan het hele antwoord moet voldoen (alleen tekstregel).",
    )
    min_value = models.IntegerField("kleinste getal", null=True, blank=True)
    max_value = models.IntegerField("grootste getal", null=True, blank=True)
    date_not_in_future = models.BooleanField("datum niet in de toekomst", default=False)
    date_min = models.DateField("vroegste datum", null=True, blank=True)
    date_max = models.DateField("laatste datum", null=True, blank=True)
    show_when_question = models.CharField(
        "alleen tonen als vraag",
        max_length=36,
        blank=True,
        help_text="Kies een eerdere vraag; deze vraag verschijnt alleen bij het antwoord hieronder.",
    )
    show_when_value = models.CharField("… dit antwoord heeft", max_length=200, blank=True)
    special_category = models.CharField(
        "vraagt naar bijzondere of strafrechtelijke persoonsgegevens (art. 9–10 AVG)",
        max_length=20,
        choices=SpecialCategory.choices,
    )
    legal_ground = models.TextField(
        "grondslag",
        max_length=1000,
        blank=True,
        help_text="Verplicht bij bijzondere of strafrechtelijke gegevens: de wettelijke grondslag en uitzondering.",
    )

    panels = [
        FieldPanel("section"),
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("field_type"), FieldPanel("required")]),
        FieldPanel("help_text"),
        FieldPanel("choices"),
        FieldPanel("default_value"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("max_length"), FieldPanel("pattern")]),
                FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value")]),
                FieldPanel("date_not_in_future"),
                FieldRowPanel([FieldPanel("date_min", widget=DATE_INPUT), FieldPanel("date_max", widget=DATE_INPUT)]),
            ],
            heading="Controles op het antwoord",
        ),
        FieldRowPanel([FieldPanel("show_when_question"), FieldPanel("show_when_value")]),
        FieldPanel("special_category"),
        FieldPanel("legal_ground"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "vraag"
        verbose_name_plural = "vragen"

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        from forms.guardrails import question_errors  # imports forms.models: cycle

        errors = question_errors(self)
        if errors:
            # One error per field, each with the code of a broken editing rule (issue 19.3).
            raise ValidationError(
                {field: ValidationError(message, code="vraag_regel") for field, message in errors.items()}
            )

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class SignalAddendum(models.Model):
    """Issue 14.6: information the melder adds to their own signal while the weegploeg file is open.

    Appended to the signal, never overwriting it; shown to the weegploeg with the signal and
    destroyed with the file (the foreign key cascades when the signal goes, art. 13).
    """

    signal = models.ForeignKey(
        "weegploeg.Signal", on_delete=models.CASCADE, related_name="addenda", verbose_name="signaal"
    )
    text = models.TextField("aanvullende informatie", max_length=5000)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="toegevoegd door"
    )
    added_at = models.DateTimeField("toegevoegd op", default=timezone.now)

    class Meta:
        verbose_name = "aanvulling op een signaal"
        verbose_name_plural = "aanvullingen op signalen"
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:  # never the text: str() ends up in logs
        return f"Aanvulling {self.pk}"


# At the end: the admin form's guardrails import the names above.
from forms.admin_forms import IntakeFormPageForm  # noqa: E402

IntakeFormPage.base_form_class = IntakeFormPageForm
