"""Retention, archiving and destruction (art. 13).

The terms themselves are a declarative table in ``retention.rules``; these models hold what the
engine records: holds that block destruction (art. 13.1 "afhandeling van klachten"), destruction
lists the uitvoerder approves (with a cooling-off period), the destruction records (*verklaring
van vernietiging*, without personal data), reactivation orders (art. 13.4) and the logged reasons
for consulting the archive (art. 13.2). Files are named by their pseudonymous number only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class FileKind(models.TextChoices):
    WEEGPLOEG = "weegploeg", "Weegploegdossier"
    CASUSOVERLEG = "casusoverleg", "Casusoverlegdossier"


class Category(models.TextChoices):
    WEEGPLOEG_NIET_AGENDEREN = "weegploeg_niet_agenderen", "Weegploeg, niet geagendeerd (art. 13.3)"
    WEEGPLOEG = "weegploeg", "Weegploegdossier"
    CASUSOVERLEG = "casusoverleg", "Casusoverlegdossier"


class HoldKind(models.TextChoices):
    KLACHT = "klacht", "Klacht"
    INCIDENT = "incident", "Incident of datalek"
    RECHTENVERZOEK = "rechtenverzoek", "Verzoek inzage of correctie"
    ANDERS = "anders", "Anders"


class RetentionHold(models.Model):
    """A recorded hold: while it is open, the file it concerns is not destroyed (art. 13.1).

    A hold linked to an incident also ends when that incident is closed ("afgehandeld").
    """

    file_number = models.CharField("dossiernummer", max_length=20, db_index=True)
    kind = models.CharField("soort", max_length=20, choices=HoldKind.choices)
    reason = models.TextField("reden", max_length=1000)
    incident = models.ForeignKey(
        "incidents.IncidentProcess",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="incident",
    )
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField("geplaatst op", default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    released_at = models.DateTimeField("beëindigd op", null=True, blank=True)

    class Meta:
        verbose_name = "blokkade van vernietiging"
        verbose_name_plural = "blokkades van vernietiging"
        ordering = ["-placed_at", "-pk"]
        permissions = [
            (
                "manage_retention",
                "Mag bewaartermijnen beheren: blokkades, vernietigingslijsten (art. 13)",
            )
        ]

    def __str__(self) -> str:
        return f"Blokkade {self.pk} ({self.file_number})"


class ListStatus(models.TextChoices):
    CONCEPT = "concept", "Concept, wacht op goedkeuring"
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd, bedenktijd loopt"
    GEANNULEERD = "geannuleerd", "Geannuleerd"
    UITGEVOERD = "uitgevoerd", "Uitgevoerd"


class DestructionList(models.Model):
    """A list of files due for destruction after 5 years (art. 13.1). The uitvoerder approves it;
    destruction starts only after the cooling-off period, during which the list can be cancelled."""

    status = models.CharField("status", max_length=20, choices=ListStatus.choices, default=ListStatus.CONCEPT)
    created_at = models.DateTimeField("opgesteld op", default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_at = models.DateTimeField("goedgekeurd op", null=True, blank=True)
    cooling_off_until = models.DateTimeField("bedenktijd tot", null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    cancelled_at = models.DateTimeField("geannuleerd op", null=True, blank=True)
    executed_at = models.DateTimeField("uitgevoerd op", null=True, blank=True)

    class Meta:
        verbose_name = "vernietigingslijst"
        verbose_name_plural = "vernietigingslijsten"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=models.Q(status="concept"), name="retention_one_concept_list"
            )
        ]

    def __str__(self) -> str:
        return f"Vernietigingslijst {self.pk}"


class ItemStatus(models.TextChoices):
    OPEN = "open", "Staat op de lijst"
    VERNIETIGD = "vernietigd", "Vernietigd"
    OVERGESLAGEN = "overgeslagen", "Overgeslagen (blokkade of opnieuw verwerkt)"
    VERVALLEN = "vervallen", "Vervallen (lijst geannuleerd)"


class DestructionListItem(models.Model):
    """One file on a destruction list."""

    destruction_list = models.ForeignKey(DestructionList, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField("soort dossier", max_length=20, choices=FileKind.choices)
    file_number = models.CharField("dossiernummer", max_length=20, db_index=True)
    category = models.CharField("categorie", max_length=30, choices=Category.choices)
    rule = models.CharField("regel", max_length=60)
    due_on = models.DateField("te vernietigen per")
    status = models.CharField("status", max_length=20, choices=ItemStatus.choices, default=ItemStatus.OPEN)

    class Meta:
        verbose_name = "dossier op vernietigingslijst"
        verbose_name_plural = "dossiers op vernietigingslijst"
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["file_number"], condition=models.Q(status="open"), name="retention_one_open_item_per_file"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_number} op lijst {self.destruction_list_id}"


class DestructionRecord(models.Model):
    """Verklaring van vernietiging: what was destroyed, when, on which rule and on whose approval.
    Holds no personal data: the pseudonymous file number, category, dates, rule and row counts."""

    kind = models.CharField("soort dossier", max_length=20, choices=FileKind.choices)
    file_number = models.CharField("dossiernummer", max_length=20, unique=True)
    category = models.CharField("categorie", max_length=30, choices=Category.choices)
    rule = models.CharField("toegepaste regel", max_length=60)
    article = models.CharField("artikel", max_length=20)
    last_processed_on = models.DateField("laatst verwerkt op", null=True, blank=True)
    counted_from = models.DateField("termijn gerekend vanaf")
    due_on = models.DateField("uiterlijk te vernietigen op")
    destroyed_at = models.DateTimeField("vernietigd op", default=timezone.now)
    destruction_list = models.ForeignKey(
        DestructionList, on_delete=models.PROTECT, null=True, blank=True, related_name="records"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField("goedgekeurd op", null=True, blank=True)
    removed = models.JSONField("verwijderde rijen per tabel", default=dict)

    class Meta:
        verbose_name = "verklaring van vernietiging"
        verbose_name_plural = "verklaringen van vernietiging"
        ordering = ["-destroyed_at", "-pk"]

    def __str__(self) -> str:
        return f"Verklaring van vernietiging {self.file_number}"

    @property
    def approval_text(self) -> str:
        if self.approved_by_id is None:
            return "Automatisch (art. 13.3, geen goedkeuring nodig)"
        return self.approved_by.get_full_name() or self.approved_by.username


class ReactivationOrder(models.Model):
    """Art. 13.4: the controller's order to hand archived data back to the weegploeg."""

    kind = models.CharField("soort dossier", max_length=20, choices=FileKind.choices)
    file_number = models.CharField("dossiernummer", max_length=20, db_index=True)
    order_reference = models.CharField("kenmerk van de opdracht", max_length=100)
    ordered_on = models.DateField("opdracht gegeven op")
    note = models.TextField("toelichting", max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "opdracht tot heractivering"
        verbose_name_plural = "opdrachten tot heractivering"
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"Heractivering {self.file_number}"


class ArchiveConsultation(models.Model):
    """Art. 13.2: a kernpartij user consulted an archived file, with the reason given."""

    kind = models.CharField("soort dossier", max_length=20, choices=FileKind.choices)
    file_number = models.CharField("dossiernummer", max_length=20, db_index=True)
    reason = models.TextField("reden", max_length=1000)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    consulted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "raadpleging archief"
        verbose_name_plural = "raadplegingen archief"
        ordering = ["-consulted_at", "-pk"]

    def __str__(self) -> str:
        return f"Raadpleging {self.file_number}"
