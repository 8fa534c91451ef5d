"""The mail outbox (issue 15.4): every mail the system sends is first written here, in the same
transaction as the change that causes it, and sent afterwards by ``manage.py outbox_send``.

A failed SMTP server delays a mail but loses none: the message stays ``wachtend`` and is tried
again with a growing delay; every attempt is recorded. Delivery is at least once; a resend keeps
the ``Message-ID`` chosen when the mail was queued, so mail clients recognise the duplicate.
Mails carry file, request and incident numbers only, never personal data.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class MessageStatus(models.TextChoices):
    WACHTEND = "wachtend", "Wacht op verzending"
    VERZONDEN = "verzonden", "Verzonden"


class OutboxMessage(models.Model):
    """One mail to send. ``dedupe_key`` makes a periodic job idempotent: queuing the same key twice
    queues one mail."""

    created_at = models.DateTimeField("aangemaakt op", default=timezone.now)
    subject = models.CharField("onderwerp", max_length=200)
    body = models.TextField("tekst")
    from_email = models.CharField("afzender", max_length=254, blank=True)
    to = models.JSONField("ontvangers", default=list)
    message_id = models.CharField("Message-ID", max_length=255, unique=True)
    dedupe_key = models.CharField("sleutel", max_length=200, unique=True, null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=MessageStatus.choices, default=MessageStatus.WACHTEND, db_index=True
    )
    attempts = models.PositiveIntegerField("pogingen", default=0)
    next_attempt_at = models.DateTimeField("volgende poging", default=timezone.now, db_index=True)
    sent_at = models.DateTimeField("verzonden op", null=True, blank=True)

    class Meta:
        verbose_name = "uitgaande e-mail"
        verbose_name_plural = "uitgaande e-mails"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_status_display()})"


class OutboxAttempt(models.Model):
    """One attempt to hand a message to the mail server, with its outcome."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField("tijdstip", default=timezone.now)
    succeeded = models.BooleanField("gelukt")
    error = models.CharField("fout", max_length=300, blank=True)

    class Meta:
        verbose_name = "verzendpoging"
        verbose_name_plural = "verzendpogingen"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"Poging {self.pk} voor bericht {self.message_id}"
