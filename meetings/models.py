"""Weegploeg and casusoverleg meetings (issue 14 item 5, issue 13 item 8; art. 7.4, 9.4).

A meeting has a date and a kind, an agenda of files (by number), and the attendance per party
(which parties were present and which users). A weegploeg decision or a closure of the plan is
recorded as a ``CollectiveDecision``: either as the decision of a meeting with enough kernpartijen
present (with a snapshot of the attendance), or confirmed by a second person of another kernpartij.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.fields import FreeTextField


class MeetingKind(models.TextChoices):
    WEEGPLOEG = "weegploeg", "Weegploegoverleg"
    CASUSOVERLEG = "casusoverleg", "Casusoverleg"


class Meeting(models.Model):
    kind = models.CharField("soort overleg", max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField("datum")
    parties_present = models.ManyToManyField(
        "parties.Party", blank=True, related_name="+", verbose_name="aanwezige partijen"
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="aanwezige personen"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "overleg"
        verbose_name_plural = "overleggen"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} van {self.held_on:%d-%m-%Y}"

    @property
    def reference(self) -> str:
        """The pseudonymous reference in the access log and in URLs."""
        return f"overleg-{self.pk}"


class AgendaItem(models.Model):
    """A file on a meeting's agenda: a weegploeg file (weegploegoverleg) or a casusoverleg file."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    weegploeg_file = models.ForeignKey(
        "weegploeg.WeegploegFile", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    casus_file = models.ForeignKey(
        "casusoverleg.CasusoverlegFile", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "agendapunt"
        verbose_name_plural = "agendapunten"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "weegploeg_file"], name="meetings_agenda_unique_weegploeg"),
            models.UniqueConstraint(fields=["meeting", "casus_file"], name="meetings_agenda_unique_casus"),
            models.CheckConstraint(
                condition=models.Q(weegploeg_file__isnull=True) ^ models.Q(casus_file__isnull=True),
                name="meetings_agenda_one_file",
            ),
        ]

    @property
    def number(self) -> str:
        file = self.weegploeg_file or self.casus_file
        return file.number


class DecisionKind(models.TextChoices):
    WEEGPLOEG = "weegploeg_besluit", "Besluit van de weegploeg (agenderen of niet, art. 7.4)"
    AFSLUITING = "afsluiting", "Besluit over afsluiting van het plan (art. 9.4)"


class DecisionBasis(models.TextChoices):
    MEETING = "overleg", "Besluit van een overleg met quorum"
    FOUR_EYES = "vier_ogen", "Bevestigd door een tweede persoon van een andere kernpartij"


class CollectiveDecision(models.Model):
    """Who took a decision, and on what basis: the meeting (with its attendance at that moment) or
    the confirming colleague of another kernpartij (art. 7.4, 9.4; issue 13 item 8)."""

    kind = models.CharField("soort besluit", max_length=30, choices=DecisionKind.choices)
    basis = models.CharField("grondslag", max_length=20, choices=DecisionBasis.choices)
    file_number = models.CharField("dossiernummer", max_length=40)
    weegploeg_decision = models.OneToOneField(
        "weegploeg.Decision", on_delete=models.CASCADE, null=True, blank=True, related_name="collective"
    )
    closure_decision = models.OneToOneField(
        "casusoverleg.ClosureDecision", on_delete=models.CASCADE, null=True, blank=True, related_name="collective"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions", verbose_name="overleg"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    parties_present = models.ManyToManyField(
        "parties.Party", blank=True, related_name="+", verbose_name="betrokken partijen"
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="deelnemers"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "vastgelegd besluit"
        verbose_name_plural = "vastgelegde besluiten"
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_number}"


class ProposalStatus(models.TextChoices):
    PENDING = "wacht", "Wacht op bevestiging"
    CONFIRMED = "bevestigd", "Bevestigd"
    REJECTED = "afgewezen", "Afgewezen"


class DecisionProposal(models.Model):
    """A decision proposed by one person that takes effect only when a second person of another
    kernpartij confirms it by their own act (four eyes, art. 7.4, 9.4; issue 13 item 8).

    Until then nothing happens to the file or the flow; a refusal (with its reason) withdraws it
    and the task is open again for the decider."""

    kind = models.CharField("soort besluit", max_length=30, choices=DecisionKind.choices)
    file_number = models.CharField("dossiernummer", max_length=40)
    task_id = models.PositiveBigIntegerField("taak", null=True, blank=True)
    outcome = models.CharField("besluit", max_length=30)
    motivation = FreeTextField("motivering")
    details = models.JSONField("overige gegevens van het besluit", default=dict, blank=True)
    status = models.CharField("status", max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = FreeTextField("reden van afwijzing", blank=True)

    class Meta:
        verbose_name = "besluit ter bevestiging"
        verbose_name_plural = "besluiten ter bevestiging"
        ordering = ["proposed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "file_number"],
                condition=models.Q(status="wacht"),
                name="meetings_one_pending_proposal_per_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_number}"

    @property
    def reference(self) -> str:
        """The pseudonymous reference in the access log and in URLs."""
        return f"besluitvoorstel-{self.pk}"
