"""Deadline watch (art. 11.3-5, 12): overdue requests are marked and escalated, due re-checks of a
deferred information duty are reminded; the mails name request and file numbers only and are
queued once (running again queues nothing new)."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from outbox.services import mail_queue
from rights.models import RightsRequest
from rights.selectors.information_duty import deferred_duties_open, duty_next_check
from rights.selectors.requests import open_requests

logger = logging.getLogger(__name__)


def rights_overdue(*, today: datetime.date | None = None) -> list[RightsRequest]:
    today = today or timezone.localdate()
    return [r for r in open_requests() if (nxt := r.next_deadline()) is not None and nxt[1] < today]


def _uitvoerder_addresses() -> list[str]:
    return list(
        User.objects.filter(is_active=True, groups__name=Role.UITVOERDER.group_name, party__role="kernpartij")
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def information_duty_reminders_send(*, today: datetime.date | None = None) -> list[str]:
    """Art. 11.3-5: remind the uitvoerders of deferred duties whose re-check date has passed
    (file numbers only), one mail per file and re-check date: running again queues nothing new.
    Returns the file numbers reminded in this run."""
    today = today or timezone.localdate()
    due = [(d.file.number, when) for d in deferred_duties_open() if (when := duty_next_check(d)) and when < today]
    if not due:
        return []
    addresses = _uitvoerder_addresses()
    if not addresses:  # nothing is marked: the next run tries again
        logger.warning("information duty re-check overdue, but no uitvoerder has an e-mail address")
        return []
    reminded = []
    with transaction.atomic():
        for number, when in due:
            queued = mail_queue(
                subject=f"Uitgestelde informatieplicht: opnieuw beoordelen ({number})",
                body=f"De datum voor een nieuwe beoordeling (art. 11 convenant) is verstreken voor: {number}.\n"
                "Beoordeel in de werkomgeving (Rechten van betrokkenen) of de betrokkene nu kan worden "
                "geïnformeerd.",
                to=addresses,
                dedupe_key=f"informatieplicht:{number}:{when.isoformat()}",
            )
            if queued is not None:
                reminded.append(number)
    return reminded


def rights_escalate_overdue(*, today: datetime.date | None = None) -> list[RightsRequest]:
    """Escalation: mark overdue requests and tell every uitvoerder (request numbers only). The mail
    is queued once per request, in the same transaction as the mark; a request that could not be
    mailed yet (no uitvoerder address) is mailed by a later run."""
    overdue = rights_overdue(today=today)
    if not overdue:
        return []
    now = timezone.now()
    fresh = [r for r in overdue if r.escalated_at is None]
    addresses = _uitvoerder_addresses()
    with transaction.atomic():
        RightsRequest.objects.filter(pk__in=[r.pk for r in fresh]).update(escalated_at=now)
        for r in overdue:
            if not addresses:
                break
            mail_queue(
                subject=f"Termijn verstreken: verzoek {r.number}",
                body=f"De wettelijke termijn (art. 12 convenant) is verstreken voor: {r.number}.\n"
                "Behandel dit verzoek met voorrang in de werkomgeving (Rechten van betrokkenen).",
                to=addresses,
                dedupe_key=f"rechten-termijn:{r.number}",
            )
    if fresh:
        logger.warning("rights requests overdue and escalated: %s", ", ".join(r.number for r in fresh))
    if not addresses:
        logger.warning("rights requests overdue, but no uitvoerder has an e-mail address")
    for r in fresh:
        r.escalated_at = now
    return fresh
