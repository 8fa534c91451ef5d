"""The casusoverleg file (art. 10): a store of its own, separate from the weegploeg file (art. 8.1).

On agendering a *copy* of the relevant weegploeg data lands here (art. 8.5): its own subject and
signal rows, so that later edits or the destruction of the weegploeg file (art. 13) leave this
file intact. Issue 6 adds the plan, actions and participants.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class CasusStatus(models.TextChoices):
    GEAGENDEERD = "geagendeerd", "Geagendeerd, casusoverleg nog te starten"


class CasusoverlegFile(models.Model):
    """One subject agendered in a casusoverleg."""

    number = models.CharField("dossiernummer", max_length=20, unique=True)
    status = models.CharField("status", max_length=30, choices=CasusStatus.choices, default=CasusStatus.GEAGENDEERD)
    source_weegploeg_number = models.CharField("afkomstig uit weegploegdossier", max_length=20, db_index=True)
    involved_parties = models.ManyToManyField(
        "parties.Party", blank=True, related_name="+", verbose_name="betrokken casuspartijen en externe partners"
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField("geopend op", default=timezone.now)

    class Meta:
        verbose_name = "casusoverlegdossier"
        verbose_name_plural = "casusoverlegdossiers"
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return self.number


class CasusSubject(models.Model):
    """The copied NAW data of the subject (art. 10.2)."""

    file = models.OneToOneField(CasusoverlegFile, on_delete=models.CASCADE, related_name="subject")
    given_names = models.CharField("voornamen", max_length=100)
    surname_prefix = models.CharField("tussenvoegsel", max_length=20, blank=True)
    surname = models.CharField("achternaam", max_length=100)
    date_of_birth = models.DateField("geboortedatum")
    address = models.CharField("adres", max_length=200)
    postcode = models.CharField("postcode", max_length=10, blank=True)
    residence = models.CharField("woonplaats", max_length=100)
    municipality = models.CharField("woongemeente", max_length=100)
    bsn = models.CharField("BSN", max_length=9, blank=True)

    def __str__(self) -> str:
        return f"Subject van {self.file.number}"


class CasusSignal(models.Model):
    """A copied signal (art. 9.2, 10.2)."""

    file = models.ForeignKey(CasusoverlegFile, on_delete=models.CASCADE, related_name="signals")
    observation = models.TextField("omschrijving van het signaal", max_length=5000)
    observed_on = models.DateField("datum waarneming")
    melder_name = models.CharField("naam melder", max_length=200)
    melder_contact = models.CharField("contactgegevens melder", max_length=300)
    bringing_party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["observed_on", "pk"]

    def __str__(self) -> str:
        return f"Signaal {self.pk} ({self.file.number})"
