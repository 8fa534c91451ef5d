"""The access log (art. 15.2e, BIO 8.15, NEN 7513): who saw or changed which record, when and why.

Rows are append-only and chained: each row's hash covers its own content and the previous row's
hash, so a changed, removed or inserted row breaks the chain (``manage.py verify_access_log``).
Rows hold pseudonymous references only (a file number such as "W-2026-0001"), never a name.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models

GENESIS_HASH = "0" * 64


class AccessAction(models.TextChoices):
    READ = "read", "Inzien"
    CREATE = "create", "Aanmaken"
    UPDATE = "update", "Wijzigen"
    DELETE = "delete", "Verwijderen"
    EXPORT = "export", "Exporteren"
    PRINT = "print", "Afdrukken"
    SEARCH = "search", "Zoeken"
    DISCLOSE = "disclose", "Verstrekken"


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an append-only row."""


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk updates and deletes: log rows are written once and never changed."""

    def update(self, **kwargs):
        raise AppendOnlyError("Regels van dit logboek kunnen niet worden gewijzigd.")

    def delete(self):
        raise AppendOnlyError("Regels van dit logboek kunnen niet worden verwijderd.")

    # ``_raw_update``/``_raw_delete`` stay available only to deliberate tampering in tests.


class AppendOnlyModel(models.Model):
    """A model whose rows can be created but never changed or deleted."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Regels van dit logboek kunnen niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Regels van dit logboek kunnen niet worden verwijderd.")


class AccessLogEntry(AppendOnlyModel):
    """One access to personal data (or a refused attempt), written by ``access_log_write``."""

    created_at = models.DateTimeField("tijdstip (UTC)", db_index=True)
    # No database constraint and no cascade: a log row outlives the user or party it names.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    party = models.ForeignKey(
        "parties.Party",
        verbose_name="partij",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    roles = models.CharField("rollen", max_length=300, blank=True)
    action = models.CharField("handeling", max_length=20, choices=AccessAction.choices)
    object_type = models.CharField("soort gegeven", max_length=60)
    object_ref = models.CharField("kenmerk (pseudoniem)", max_length=64)
    purpose = models.CharField("doel of taak", max_length=200)
    allowed = models.BooleanField("toegestaan")
    client_address = models.CharField("adres van de cliënt", max_length=45, blank=True)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "toegangslogregel"
        verbose_name_plural = "toegangslog"
        ordering = ["id"]
        indexes = [
            models.Index(fields=["user", "created_at"]),
            models.Index(fields=["object_type", "object_ref"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action} {self.object_type} {self.object_ref}"


def access_log_row_hash(
    *,
    row_id: int,
    created_at,
    user_id: int | None,
    party_id: int | None,
    roles: str,
    action: str,
    object_type: str,
    object_ref: str,
    purpose: str,
    allowed: bool,
    client_address: str,
    prev_hash: str,
) -> str:
    """SHA-256 over a canonical JSON form of the row's content and the previous row's hash."""
    payload = json.dumps(
        [
            row_id,
            created_at.isoformat(timespec="microseconds"),
            user_id,
            party_id,
            roles,
            action,
            object_type,
            object_ref,
            purpose,
            bool(allowed),
            client_address,
            prev_hash,
        ],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


class AccessLogChainHead(models.Model):
    """A single row holding the last row's id and hash.

    Writers lock it (``select_for_update``) so that concurrent writers extend the chain one at a
    time; verification compares it with the last row, so a removed tail is noticed too.
    """

    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "kop van de logketen"


class AccessLogReview(AppendOnlyModel):
    """A signed-off periodic review of the access log (art. 15.2e "periodieke controleprocedure")."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="beoordelaar", on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField("afgetekend op")
    period_start = models.DateField("periode vanaf")
    period_end = models.DateField("periode tot en met")
    entry_count = models.PositiveIntegerField("aantal regels")
    denied_count = models.PositiveIntegerField("geweigerde pogingen")
    off_hours_count = models.PositiveIntegerField("buiten kantoortijd")
    burst_count = models.PositiveIntegerField("pieken (veel regels kort na elkaar)")
    findings = models.TextField("bevindingen en genomen maatregelen")

    class Meta:
        verbose_name = "periodieke controle van het toegangslog"
        verbose_name_plural = "periodieke controles van het toegangslog"
        ordering = ["-signed_off_at"]

    def __str__(self) -> str:
        return f"Controle {self.period_start} – {self.period_end}"
