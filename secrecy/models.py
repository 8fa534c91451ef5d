"""Secrecy (art. 14): who accepted which version of the secrecy statement, and when."""

from django.conf import settings
from django.db import models


class SecrecyAcceptance(models.Model):
    """A user's acceptance of one version of the secrecy statement. Never changed or deleted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.PROTECT,
        related_name="secrecy_acceptances",
    )
    party = models.ForeignKey(
        "parties.Party",
        verbose_name="partij op dat moment",
        on_delete=models.PROTECT,
        related_name="secrecy_acceptances",
    )
    text_version = models.CharField("versie van de tekst", max_length=40)
    text_sha256 = models.CharField("vingerafdruk van de tekst", max_length=64)
    accepted_at = models.DateTimeField("geaccepteerd op")

    class Meta:
        verbose_name = "aanvaarding geheimhoudingsplicht"
        verbose_name_plural = "aanvaardingen geheimhoudingsplicht"
        ordering = ["-accepted_at"]
        permissions = [("view_all_parties", "Kan de aanvaardingen van alle partijen inzien")]
        constraints = [
            models.UniqueConstraint(fields=["user", "text_version"], name="secrecy_one_acceptance_per_version"),
        ]

    def __str__(self) -> str:
        return f"Geheimhouding {self.text_version} ({self.accepted_at:%Y-%m-%d})"
