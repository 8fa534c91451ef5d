"""Queue mail in the caller's transaction; send it afterwards with retries (issue 15.4)."""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection, make_msgid
from django.db import IntegrityError, transaction
from django.utils import timezone

from outbox.models import MessageStatus, OutboxAttempt, OutboxMessage

logger = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 60
MAX_RETRY_SECONDS = 3600
SENT_KEEP_DAYS = 90  # sent mails (staff addresses, attempts) are removed after this many days


def _message_id_domain() -> str:
    sender = settings.DEFAULT_FROM_EMAIL.strip().rstrip(">")
    return sender.rsplit("@", 1)[-1] if "@" in sender else "casusoverleg.invalid"


def mail_queue(
    *, subject: str, body: str, to: Iterable[str], dedupe_key: str | None = None, from_email: str = ""
) -> OutboxMessage | None:
    """Write a mail to the outbox, in the caller's transaction (so it exists exactly when the change
    that causes it is committed). With ``dedupe_key``, a key queued before queues nothing (returns
    ``None``): periodic jobs use it to stay idempotent. The ``Message-ID`` is fixed here."""
    recipients = sorted({address.strip() for address in to if address and address.strip()})
    if not recipients:
        raise ValueError("Een e-mail zonder ontvangers kan niet worden verzonden.")
    if dedupe_key is not None and OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():  # a savepoint: a concurrent run with the same key loses quietly
            return OutboxMessage.objects.create(
                subject=subject[:200],
                body=body,
                from_email=from_email,
                to=recipients,
                message_id=make_msgid(domain=_message_id_domain()),
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        if dedupe_key is not None and OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise


def mail_queued(dedupe_key: str) -> bool:
    return OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists()


def retry_delay(attempts: int) -> datetime.timedelta:
    """1, 2, 4, ... minutes after the n-th failed attempt, at most an hour. Never given up."""
    return datetime.timedelta(seconds=min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0), MAX_RETRY_SECONDS))


@dataclasses.dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    waiting: int = 0
    removed: int = 0


def _email(message: OutboxMessage, connection) -> EmailMessage:
    return EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email or None,
        to=list(message.to),
        headers={"Message-ID": message.message_id},
        connection=connection,
    )


def _deliver_one(pk: int, now: datetime.datetime, connection) -> bool | None:
    """Try one message under a row lock (a parallel run skips it). ``None`` when another run took
    it or it was sent meanwhile."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=MessageStatus.WACHTEND, next_attempt_at__lte=now)
            .first()
        )
        if message is None:
            return None
        message.attempts += 1
        try:
            _email(message, connection).send(fail_silently=False)
        except Exception as error:  # any failure keeps the mail in the outbox
            message.next_attempt_at = now + retry_delay(message.attempts)
            message.save(update_fields=["attempts", "next_attempt_at"])
            OutboxAttempt.objects.create(
                message=message, at=now, succeeded=False, error=f"{type(error).__name__}: {error}"[:300]
            )
            logger.warning("outbox: message %s not sent (attempt %s, %s)", pk, message.attempts, type(error).__name__)
            return False
        message.status = MessageStatus.VERZONDEN
        message.sent_at = now
        message.save(update_fields=["attempts", "status", "sent_at"])
        OutboxAttempt.objects.create(message=message, at=now, succeeded=True)
        return True


def outbox_send(*, now: datetime.datetime | None = None, limit: int = 200) -> SendReport:
    """Send the messages that are due (after commit: only committed rows are visible here)."""
    now = now or timezone.now()
    report = SendReport()
    due = list(
        OutboxMessage.objects.filter(status=MessageStatus.WACHTEND, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    if due:
        connection = get_connection(fail_silently=False)
        for pk in due:
            outcome = _deliver_one(pk, now, connection)
            if outcome is True:
                report.sent += 1
            elif outcome is False:
                report.failed += 1
    report.waiting = OutboxMessage.objects.filter(status=MessageStatus.WACHTEND).count()
    old = OutboxMessage.objects.filter(
        status=MessageStatus.VERZONDEN, sent_at__lt=now - datetime.timedelta(days=SENT_KEEP_DAYS)
    )
    report.removed = old.delete()[1].get(OutboxMessage._meta.label, 0)
    return report
