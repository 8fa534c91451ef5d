"""The access rules of art. 9.1, 10.4 and 10.5 applied to views; every attempt is access-logged.

``case_screen`` resolves ``number`` to a file the user may see. A user who may not see that
number gets 403 whether or not it exists (so nobody learns that a case exists); only the
uitvoerder, who sees every file, gets 404 for a number that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from accesslog.models import AccessAction
from accesslog.services import access_log_write
from casusoverleg.selectors import FULL, PLAN, casus_access, casus_is_uitvoerder
from secrecy.decorators import secrecy_redirect
from secrecy.services import secrecy_accepted

OBJECT_TYPE = "casusoverleg_file"
DEFAULT_REF = "casusoverleg"
REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,59}")


def safe_ref(value) -> str:
    value = str(value or "")
    return value if REF.fullmatch(value) else DEFAULT_REF


def log(request: HttpRequest, action: str, ref: str, purpose: str, *, allowed: bool = True) -> None:
    """One access-log row; ``ref`` is a case number or a screen name, never personal data."""
    access_log_write(
        request, action=action, object_type=OBJECT_TYPE, object_ref=safe_ref(ref), purpose=purpose, allowed=allowed
    )


def deny(request: HttpRequest, ref: str, purpose: str, action: str = AccessAction.READ) -> PermissionDenied:
    log(request, action, ref, purpose, allowed=False)
    return PermissionDenied("Geen toegang tot dit casusoverlegdossier.")


def case_screen(purpose: str, *, levels: tuple[str, ...] = (FULL,), perm: str | None = None):
    """A screen of one case (kwarg ``number``): the case rule, the screen's permission, then the
    accepted secrecy duty. The view receives ``file`` and ``level`` instead of ``number``."""

    def decorator(view: Callable):
        @wraps(view)
        def wrapper(request, number: str, *args, **kwargs):
            file, level = casus_access(request.user, number)
            if file is None:
                if casus_is_uitvoerder(request.user):
                    raise Http404
                raise deny(request, number, purpose)
            if level not in levels:
                raise deny(request, file.number, purpose)
            if perm and not request.user.has_perm(perm):
                action = AccessAction.UPDATE if request.method == "POST" else AccessAction.READ
                raise deny(request, file.number, purpose, action)
            if not secrecy_accepted(request.user):
                return secrecy_redirect(request)
            return view(request, file, level, *args, **kwargs)

        return wrapper

    return decorator


__all__ = ["FULL", "PLAN", "case_screen", "deny", "log", "safe_ref"]
