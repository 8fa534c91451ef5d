"""The access log (art. 15.2e, BIO 8.15, NEN 7513): who saw or changed which record, when and why.

Rows are append-only. Each row carries a keyed HMAC made at insert (``row_hash``; the key is not
in the database), and a sealing step outside the request (``manage.py seal_access_log``) gives
finished rows a gapless seal number and chains them (``AccessLogSeal``); checkpoints of that chain
are written to a file outside the database. ``manage.py verify_access_log`` checks all three.
Rows hold pseudonymous references only (a file number such as "W-2026-0001"), never a name.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from accesslog.integrity import GENESIS_HASH

__all__ = ["GENESIS_HASH", "AccessAction", "AccessLogEntry", "AccessLogReview", "AccessLogSeal"]

MAX_SHOWN_REFS = 200


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
    # A list or search screen writes one row naming the records it showed (pseudonymous refs).
    shown_refs = models.JSONField("getoonde kenmerken", default=list, blank=True)
    purpose = models.CharField("doel of taak", max_length=200)
    allowed = models.BooleanField("toegestaan")
    client_address = models.CharField("adres van de cliënt", max_length=45, blank=True)
    # The last seal hash the writer saw (an anchor in the chain; ``GENESIS_HASH`` before the first
    # seal). For rows from before the keyed log: the old unkeyed chain's link, kept as evidence.
    prev_hash = models.CharField(max_length=64)
    # HMAC-SHA256 of the row under the key ``key_id`` (accesslog.integrity.row_payload).
    row_hash = models.CharField(max_length=64, unique=True)
    key_id = models.CharField("sleutel-id", max_length=16)
    nonce = models.CharField(max_length=32, blank=True)
    # Rows written before the keyed log: their old unkeyed chain hash (evidence only, see README).
    legacy_hash = models.CharField(max_length=64, blank=True)
    # PostgreSQL: the writing transaction's id (pg_current_xact_id), used by the sealing step only.
    txid = models.BigIntegerField(null=True, blank=True, db_index=True, editable=False)

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


class AccessLogSeal(AppendOnlyModel):
    """A finished row's place in the chain: gapless ``seal_no`` in sealing order (``sealing``).

    ``seal_hash`` = SHA-256 over the previous seal hash, the number, the row id and the row's HMAC.
    ``horizon`` is the PostgreSQL snapshot xmin the batch was sealed under (every transaction id
    below it had ended and was sealed); ``None`` on SQLite.
    """

    seal_no = models.BigIntegerField("zegelnummer", primary_key=True)
    entry = models.OneToOneField(
        AccessLogEntry,
        verbose_name="logregel",
        on_delete=models.DO_NOTHING,
        db_constraint=False,  # a removed row must be *detectable*, not silently cascaded
        related_name="seal",
    )
    seal_hash = models.CharField(max_length=64, unique=True)
    sealed_at = models.DateTimeField("gezegeld op")
    horizon = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "zegel van het toegangslog"
        verbose_name_plural = "zegels van het toegangslog"
        ordering = ["seal_no"]

    def __str__(self) -> str:
        return f"Zegel {self.seal_no}"


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
