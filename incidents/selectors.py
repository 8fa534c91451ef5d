"""Who may see the incident register, and what they see (art. 15.2g).

Only users of kernpartijen whose role carries the incident permission (the uitvoerder among
them) see incidents: the predicates of ``incidents.access_rules``, the same the screens test.
Viewflow's model-wide view permission is narrowed with them (``IncidentFlow``).
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from incidents.access_rules import may_register_incidents, may_see_incidents
from incidents.models import AP_DEADLINE, ESCALATE_BEFORE, DeadlineState, IncidentProcess


def incident_may_see(user) -> bool:
    """The rule ``incidents.view_register``: kernpartijen with the incident permission."""
    return may_see_incidents.test(user)


def incident_may_register(user) -> bool:
    return may_register_incidents.test(user)


def incidents_visible_to(user) -> QuerySet[IncidentProcess]:
    if not incident_may_see(user):
        return IncidentProcess.objects.none()
    return IncidentProcess.objects.filter(reference__isnull=False).select_related("reporter_party")


def _open_breach_q() -> Q:
    return ~Q(is_breach=False) & Q(ap_notified__isnull=True)


def incidents_register_order(qs: QuerySet[IncidentProcess], now: datetime.datetime | None = None) -> list:
    """Overdue breaches first (oldest deadline first), then breaches still within the deadline
    (nearest first), then everything else (newest discovery first)."""
    now = now or timezone.now()
    items = list(qs)

    def key(process: IncidentProcess):
        state = process.deadline_state(now)
        if state == DeadlineState.OVERDUE:
            return (0, process.ap_deadline.timestamp())
        if state in (DeadlineState.ESCALATED, DeadlineState.OPEN):
            return (1, process.ap_deadline.timestamp())
        return (2, -process.discovered_at.timestamp())

    return sorted(items, key=key)


def incidents_needing_escalation(*, now: datetime.datetime | None = None) -> list[IncidentProcess]:
    now = now or timezone.now()
    limit = now - AP_DEADLINE + ESCALATE_BEFORE  # deadline within 24 hours or past
    qs = IncidentProcess.objects.filter(_open_breach_q(), reference__isnull=False, discovered_at__lte=limit)
    return incidents_register_order(qs, now)


def incident_handlers():
    """Users who may classify incidents (the uitvoerder, the privacy officer)."""
    perm = Permission.objects.filter(content_type__app_label="incidents", codename="classify_incident").first()
    if perm is None:
        return User.objects.none()
    return User.objects.filter(Q(groups__permissions=perm) | Q(user_permissions=perm), is_active=True).distinct()
