"""The register of processing activities (art. 30 AVG; art. 4-5 convenant).

What people write (purposes, categories, legal basis) is stored here, with every earlier version.
What the system already knows is never retyped: recipients come from the party registry and the
disclosure register, retention from ``retention/rules.py``, security measures from the security
plan (``processing.selectors``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ProcessingKind(models.TextChoices):
    WEEGPLOEG = "weegploeg", "Weegploeg: weging van signalen (art. 7-8)"
    CASUSOVERLEG = "casusoverleg", "Casusoverleg: persoonsgerichte aanpak (art. 9-10)"
    RECHTEN = "rechten", "Behandeling van verzoeken van betrokkenen (art. 11-12)"
    TOEGANGSLOG = "toegangslog", "Toegangslog en beveiliging (art. 15)"


class ProcessingActivity(models.Model):
    """One processing of the register; editable by the uitvoerder, every edit kept as a version."""

    kind = models.CharField("verwerking", max_length=20, choices=ProcessingKind.choices, unique=True)
    purposes = models.TextField("doeleinden", max_length=4000)
    data_categories = models.TextField("categorieën persoonsgegevens", max_length=4000)
    subject_categories = models.TextField("categorieën betrokkenen", max_length=2000)
    legal_basis = models.TextField("grondslag", max_length=2000)
    transfers = models.TextField("doorgifte buiten de EER", max_length=1000, default="Geen.")
    updated_at = models.DateTimeField("laatst gewijzigd op", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "verwerking"
        verbose_name_plural = "verwerkingsregister"
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()


EDITABLE_FIELDS = ("purposes", "data_categories", "subject_categories", "legal_basis", "transfers")


class ProcessingActivityVersion(models.Model):
    """An earlier text of a processing, saved before each change (the register's history)."""

    activity = models.ForeignKey(ProcessingActivity, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("versie")
    purposes = models.TextField("doeleinden")
    data_categories = models.TextField("categorieën persoonsgegevens")
    subject_categories = models.TextField("categorieën betrokkenen")
    legal_basis = models.TextField("grondslag")
    transfers = models.TextField("doorgifte buiten de EER")
    valid_from = models.DateTimeField("geldig vanaf")
    valid_until = models.DateTimeField("geldig tot", default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField("reden van de wijziging", max_length=500)

    class Meta:
        verbose_name = "eerdere versie van een verwerking"
        verbose_name_plural = "eerdere versies van verwerkingen"
        ordering = ["activity", "-number"]
        constraints = [models.UniqueConstraint(fields=["activity", "number"], name="processing_version_unique")]
