"""``secrecy_required``: function views that show case data first need an accepted secrecy duty."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse

from secrecy.services import secrecy_accepted


def secrecy_redirect(request) -> HttpResponseRedirect:
    """To the acceptance page, coming back to this path (no query string: it may hold data)."""
    return HttpResponseRedirect(f"{reverse('secrecy:accept')}?{urlencode({'next': request.path})}")


def secrecy_required(view_func):
    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        if not secrecy_accepted(request.user):
            return secrecy_redirect(request)
        return view_func(request, *args, **kwargs)

    return wrapper
