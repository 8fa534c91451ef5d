"""Authorisation log, session cut-offs, periodic rights reviews and the security plan's yearly
evaluation (art. 15.2 b, c, f and 15.3)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from accesslog.models import AppendOnlyModel


class AuthorisationEventKind(models.TextChoices):
    USER_CREATED = "user_created", "Gebruiker aangemaakt"
    ROLE_GRANTED = "role_granted", "Rol toegekend"
    ROLE_REVOKED = "role_revoked", "Rol ingetrokken"
    PARTY_CHANGED = "party_changed", "Partij gewijzigd"
    USER_DEACTIVATED = "user_deactivated", "Gebruiker gedeactiveerd"
    USER_ACTIVATED = "user_activated", "Gebruiker geactiveerd"
    SUPERUSER_GRANTED = "superuser_granted", "Beheerdersrechten toegekend"
    SUPERUSER_REVOKED = "superuser_revoked", "Beheerdersrechten ingetrokken"
    RIGHTS_CONFIRMED = "rights_confirmed", "Rechten bevestigd bij controle"
    SECOND_FACTOR_RESET = "second_factor_reset", "Tweede factor teruggezet"


class AuthorisationEvent(AppendOnlyModel):
    """One grant, change or revocation: who (actor), whom (subject), what, when and why."""

    at = models.DateTimeField("tijdstip", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="door",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="voor",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    kind = models.CharField("wat", max_length=30, choices=AuthorisationEventKind.choices)
    role = models.CharField("rol", max_length=40, blank=True)
    old_value = models.CharField("oude waarde", max_length=200, blank=True)
    new_value = models.CharField("nieuwe waarde", max_length=200, blank=True)
    reason = models.CharField("reden", max_length=500)

    class Meta:
        verbose_name = "autorisatiegebeurtenis"
        verbose_name_plural = "autorisatielog"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d %H:%M})"


class SessionCutoff(models.Model):
    """Sessions of this user that started before ``not_before`` are ended on their next request."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_cutoff", verbose_name="gebruiker"
    )
    not_before = models.DateTimeField("sessies geldig vanaf")

    class Meta:
        verbose_name = "sessiegrens"
        verbose_name_plural = "sessiegrenzen"

    def __str__(self) -> str:
        return f"Sessies vanaf {self.not_before:%Y-%m-%d %H:%M}"


class RightsReview(models.Model):
    """A periodic review of the rights of one party's users (art. 15.2f)."""

    party = models.ForeignKey("parties.Party", verbose_name="partij", on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField("gestart op")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gestart door", on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField("afgerond op", null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="afgerond door",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notes = models.TextField("toelichting", blank=True)

    class Meta:
        verbose_name = "rechtencontrole"
        verbose_name_plural = "rechtencontroles"
        ordering = ["-started_at"]
        permissions = [("view_all_rightsreviews", "Kan de rechtencontroles van alle partijen inzien")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"RC-{self.pk}"

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None


class RightsDecision(models.TextChoices):
    CONFIRMED = "bevestigd", "Rechten bevestigen"
    REVOKED = "ingetrokken", "Alle rollen intrekken"


class RightsReviewItem(models.Model):
    """One user in a rights review: roles and last login as seen at the start, and the decision."""

    review = models.ForeignKey(RightsReview, on_delete=models.CASCADE, related_name="items")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    roles_at_start = models.CharField("rollen bij de start", max_length=300, blank=True)
    last_login = models.DateTimeField("laatst ingelogd", null=True, blank=True)
    decision = models.CharField("besluit", max_length=20, choices=RightsDecision.choices, blank=True)
    decided_at = models.DateTimeField("besloten op", null=True, blank=True)

    class Meta:
        verbose_name = "regel van een rechtencontrole"
        verbose_name_plural = "regels van een rechtencontrole"
        ordering = ["user__username"]
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="rights_review_user_once")]

    def __str__(self) -> str:
        return f"{self.review.reference} gebruiker {self.user_id}"


class SecurityPlanEvaluation(models.Model):
    """The yearly evaluation of the security policy (art. 15.3)."""

    evaluated_on = models.DateField("geëvalueerd op")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="vastgelegd door", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("vastgelegd op")
    notes = models.TextField("uitkomst en herzieningen", blank=True)

    class Meta:
        verbose_name = "evaluatie beveiligingsplan"
        verbose_name_plural = "evaluaties beveiligingsplan"
        ordering = ["-evaluated_on", "-id"]

    def __str__(self) -> str:
        return f"Evaluatie {self.evaluated_on}"

    @property
    def next_due(self) -> datetime.date:
        try:
            return self.evaluated_on.replace(year=self.evaluated_on.year + 1)
        except ValueError:  # 29 February
            return self.evaluated_on + datetime.timedelta(days=365)
