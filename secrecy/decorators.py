"""``secrecy_redirect``: where the access entry point (``access.screens``) sends a user who has
not yet accepted the secrecy duty (art. 14), coming back to the same screen afterwards."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse


def secrecy_redirect(request) -> HttpResponseRedirect:
    """To the acceptance page, coming back to this path (no query string: it may hold data)."""
    return HttpResponseRedirect(f"{reverse('secrecy:accept')}?{urlencode({'next': request.path})}")
