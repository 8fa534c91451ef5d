"""Every rights screen: the uitvoerder only (403, logged as denied), then the accepted secrecy duty."""

from __future__ import annotations

import re
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accesslog.models import AccessAction
from accesslog.services import access_log_write
from rights.selectors import rights_may_use
from secrecy.decorators import secrecy_required

OBJECT_TYPE = "rights_request"
SAFE_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,59}")


def log(
    request: HttpRequest, action: str, ref: str, purpose: str, *, allowed: bool = True, object_type: str = OBJECT_TYPE
):
    """One access-log row; ``ref`` is a request or file number or a screen name, never personal data."""
    access_log_write(request, action=action, object_type=object_type, object_ref=ref, purpose=purpose, allowed=allowed)


def screen(purpose: str):
    def decorator(view):
        protected = secrecy_required(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not rights_may_use(request.user):
                ref = str(kwargs.get("number", "rechten"))
                if not SAFE_REF.fullmatch(ref):
                    ref = "rechten"
                # Written outside any transaction, so the denial stays in the log.
                log(request, AccessAction.READ, ref, purpose, allowed=False)
                raise PermissionDenied("Alleen de uitvoerder behandelt verzoeken van betrokkenen.")
            return protected(request, *args, **kwargs)

        return wrapper

    return decorator
