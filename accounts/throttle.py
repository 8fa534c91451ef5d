"""Login throttling per client address across usernames (OWASP ASVS 2.2.1; issue 13 item 9).

django-axes locks the pair (username, address) after ``AXES_FAILURE_LIMIT`` failures. Gemeenten
and the police reach the system through shared outgoing addresses, so an address is never locked
out as a whole; instead failed logins from one address, whatever the usernames, slow down every
further try from it with a growing delay. The failures are axes' own per-failure rows
(``AXES_ENABLE_ACCESS_FAILURE_LOG``), so this works with every worker and without a cache.
"""

from __future__ import annotations

import datetime

from axes.helpers import get_client_ip_address
from axes.models import AccessFailureLog
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone


def _free_failures() -> int:
    """Failures from one address inside the window that cost nothing (colleagues mistyping)."""
    return settings.LOGIN_ADDRESS_FREE_FAILURES


def _max_delay() -> int:
    return settings.LOGIN_ADDRESS_MAX_DELAY_SECONDS


def _window() -> datetime.timedelta:
    return settings.LOGIN_ADDRESS_WINDOW


def login_address(request: HttpRequest | None) -> str:
    """The client address as axes sees it (``AXES_CLIENT_IP_CALLABLE``)."""
    if request is None:
        return ""

    return get_client_ip_address(request) or ""


def login_delay_for(failures: int) -> int:
    """Seconds to wait after the last failure: 0 within the free allowance, then 2, 4, 8, ...
    seconds per further failure, capped (a delay, never a lockout)."""
    over = failures - _free_failures()
    if over <= 0:
        return 0
    return min(2 ** min(over, 20), _max_delay())


def login_wait_seconds(request: HttpRequest | None, now: datetime.datetime | None = None) -> int:
    """Seconds the next login try from this request's address must still wait (0: go ahead)."""
    address = login_address(request)
    if not address:
        return 0
    now = now or timezone.now()
    recent = AccessFailureLog.objects.filter(ip_address=address, attempt_time__gte=now - _window())
    failures = recent.count()
    delay = login_delay_for(failures)
    if not delay:
        return 0
    last = recent.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
    remaining = (last + datetime.timedelta(seconds=delay) - now).total_seconds()
    return max(0, int(remaining) + (1 if remaining % 1 else 0))
