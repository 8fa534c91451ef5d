"""Who may handle rights requests, and the requests they see (art. 5, 12.1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from rights.access_rules import may_handle_rights
from rights.models import RequestStatus, RightsRequest

if TYPE_CHECKING:
    from accounts.models import User


def rights_may_use(user: User) -> bool:
    """Art. 5, 12.1: requests go to the uitvoerder, who acts for the kernpartijen (the controller).
    The predicate of the ``rights.handle_request`` rule: no superuser shortcut, roles by code."""
    return may_handle_rights(user)


def rights_requests_visible_to(user: User) -> QuerySet[RightsRequest]:
    if not rights_may_use(user):
        return RightsRequest.objects.none()
    return RightsRequest.objects.all()


def rights_request_for(user: User, number: str) -> RightsRequest | None:
    return rights_requests_visible_to(user).filter(number=number).first()


def open_requests() -> list[RightsRequest]:
    return list(RightsRequest.objects.exclude(status=RequestStatus.AFGEROND).order_by("received_on", "pk"))


def requests_waiting_for_identity() -> list[RightsRequest]:
    return [r for r in open_requests() if r.status == RequestStatus.IDENTITEIT]
