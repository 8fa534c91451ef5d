"""The client's address, for the access log and the login throttling (django-axes).

Behind the documented nginx (deploy/nginx/) exactly one proxy sits in front of gunicorn; nginx
appends the address it saw to ``X-Forwarded-For``. Only that many entries, counted from the right,
are trusted (``TRUSTED_PROXY_HOPS``: 0 in development and tests, 1 in production): whatever a
client writes into the header itself stays to the left and is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(raw: str) -> str:
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        return ""


def client_address(request: HttpRequest) -> str:
    """The validated client address, or "" when it cannot be trusted or parsed."""
    hops = settings.TRUSTED_PROXY_HOPS
    remote = request.META.get("REMOTE_ADDR") or ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR") or ""
    if hops <= 0 or not forwarded.strip():
        # No proxy trusted, or a direct request (a local health check) that did not pass the proxy.
        return _valid(remote)
    entries = [part.strip() for part in forwarded.split(",")]
    if len(entries) < hops:
        return ""
    return _valid(entries[-hops])
