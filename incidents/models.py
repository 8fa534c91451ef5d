"""The incident and data-breach register (art. 15.2g; AVG art. 33/34), as a viewflow process.

For a personal data breach the 72-hour clock for notifying the Autoriteit Persoonsgegevens runs
from the moment of discovery (``discovered_at``), not from registration.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from viewflow.workflow.models import Process

AP_DEADLINE = datetime.timedelta(hours=72)
ESCALATE_BEFORE = datetime.timedelta(hours=24)


class Severity(models.TextChoices):
    LOW = "laag", "Laag"
    MEDIUM = "midden", "Midden"
    HIGH = "hoog", "Hoog"


class SubjectsDecision(models.TextChoices):
    INFORM = "informeren", "Betrokkenen worden geïnformeerd (art. 34 AVG)"
    NOT_INFORM = "niet_informeren", "Betrokkenen worden niet geïnformeerd"


class DeadlineState(models.TextChoices):
    NONE = "geen", "Geen meldtermijn"
    NOTIFIED = "gemeld", "Gemeld bij de AP"
    DECIDED_NOT = "niet_gemeld", "Besloten niet te melden"
    OPEN = "open", "Termijn loopt"
    ESCALATED = "escalatie", "Minder dan 24 uur over"
    OVERDUE = "verlopen", "Termijn verstreken"


class IncidentProcess(Process):
    """One security incident; if classified as a personal data breach, the AP notification clock runs."""

    reference = models.CharField("kenmerk", max_length=20, unique=True, null=True, blank=True)
    title = models.CharField(
        "korte omschrijving",
        max_length=200,
        help_text="Zonder namen of andere persoonsgegevens; die horen alleen in de beschrijving.",
    )
    description = models.TextField("beschrijving van het incident")
    discovered_at = models.DateTimeField("ontdekt op", help_text="Het moment waarop het incident werd ontdekt.")
    registered_at = models.DateTimeField("geregistreerd op", null=True, blank=True)
    reporter_party = models.ForeignKey(
        "parties.Party",
        verbose_name="gemeld door partij",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Classification
    is_breach = models.BooleanField("inbreuk in verband met persoonsgegevens (datalek)", null=True, blank=True)
    severity = models.CharField("ernst", max_length=10, choices=Severity.choices, blank=True)
    classification_reason = models.TextField("onderbouwing van de classificatie", blank=True)
    classified_at = models.DateTimeField("geclassificeerd op", null=True, blank=True)
    # AP notification (art. 33 AVG)
    ap_notified = models.BooleanField("gemeld bij de Autoriteit Persoonsgegevens", null=True, blank=True)
    ap_notified_at = models.DateTimeField("gemeld bij de AP op", null=True, blank=True)
    ap_reference = models.CharField("meldingsnummer van de AP", max_length=60, blank=True)
    ap_decision_reason = models.TextField("reden (ook als niet is gemeld)", blank=True)
    # Data subjects (art. 34 AVG)
    subjects_decision = models.CharField(
        "besluit over het informeren van betrokkenen", max_length=20, choices=SubjectsDecision.choices, blank=True
    )
    subjects_decision_reason = models.TextField("reden van dit besluit", blank=True)
    subjects_informed_at = models.DateTimeField("betrokkenen geïnformeerd op", null=True, blank=True)
    # Measures
    measures = models.TextField("genomen maatregelen", blank=True)
    closed_at = models.DateTimeField("afgehandeld op", null=True, blank=True)

    class Meta:
        verbose_name = "incident"
        verbose_name_plural = "incidenten"
        permissions = [
            ("register_incident", "Kan een beveiligingsincident melden"),
            ("classify_incident", "Kan een incident classificeren"),
            ("notify_ap_incident", "Kan de melding aan de Autoriteit Persoonsgegevens vastleggen"),
            ("inform_subjects_incident", "Kan het besluit over het informeren van betrokkenen vastleggen"),
            ("close_incident", "Kan de maatregelen vastleggen en het incident afhandelen"),
        ]

    def __str__(self) -> str:
        return self.reference or f"incident {self.pk}"

    @property
    def ap_deadline(self) -> datetime.datetime | None:
        """Discovery + 72 hours, for a (possible) breach; ``None`` when classified as no breach."""
        if self.discovered_at is None or self.is_breach is False:
            return None
        return self.discovered_at + AP_DEADLINE

    def deadline_state(self, now: datetime.datetime | None = None) -> DeadlineState:
        now = now or timezone.now()
        deadline = self.ap_deadline
        if deadline is None:
            return DeadlineState.NONE
        if self.ap_notified:
            return DeadlineState.NOTIFIED
        if self.ap_notified is False:
            return DeadlineState.DECIDED_NOT
        if now > deadline:
            return DeadlineState.OVERDUE
        if deadline - now <= ESCALATE_BEFORE:
            return DeadlineState.ESCALATED
        return DeadlineState.OPEN
