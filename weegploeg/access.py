"""The access rule of art. 8.4 applied to views, with every attempt written to the access log."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accesslog.models import AccessAction
from accesslog.services import access_log_write
from secrecy.decorators import secrecy_required
from weegploeg.selectors import weegploeg_access

OBJECT_TYPE = "weegploeg_file"


def log(request: HttpRequest, action: str, ref: str, purpose: str, *, allowed: bool = True) -> None:
    """One access-log row; ``ref`` is a file number or a screen name, never personal data."""
    access_log_write(request, action=action, object_type=OBJECT_TYPE, object_ref=ref, purpose=purpose, allowed=allowed)


def deny(request: HttpRequest, ref: str, purpose: str) -> PermissionDenied:
    log(request, AccessAction.READ, ref, purpose, allowed=False)
    return PermissionDenied("Geen toegang tot het weegploegdossier.")


def screen(purpose: str, *, allowed: Callable = weegploeg_access, ref_kwarg: str | None = None):
    """A weegploeg screen: the role rule first (403, logged), then the accepted secrecy duty."""

    def decorator(view):
        protected = secrecy_required(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allowed(request.user):
                ref = str(kwargs.get(ref_kwarg, "weegploeg")) if ref_kwarg else "weegploeg"
                if not ref or not ref[0].isalnum() or len(ref) > 60:
                    ref = "weegploeg"
                raise deny(request, _safe_ref(ref), purpose)
            return protected(request, *args, **kwargs)

        return wrapper

    return decorator


def _safe_ref(ref: str) -> str:
    import re

    return ref if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,59}", ref) else "weegploeg"
