"""The one access entry point for every work screen (art. 8.4, 10.4-10.5, 13.2, 14, 15.2e).

Every view under ``/werk/`` — and every action, export, PDF, letter and search with personal
data — is declared once with :func:`work_screen`: how its object is loaded, the rule (a ``rules``
permission tested on that object), the purpose written to the access log, and whether the
secrecy duty must have been accepted. The entry point then runs, in this order:

1. verified login (the 2FA gate already sends others away; this is the second lock);
2. the rule — refused, or an object that does not exist: the same 403, and one denied row,
   committed on its own so that a refusal is always on record;
3. the secrecy duty (art. 14) — not accepted: to the acceptance page, and back afterwards;
4. the view, inside one transaction together with its allowed rows: one per object whose
   personal data the screen showed or changed (a list or a search: one row naming the refs it
   showed, never the search terms). A change without its row never exists.

Views tell what they showed or changed through ``request.access`` (:class:`AccessRecord`); a
view that tells nothing gets one row for its loaded object (or for the screen itself).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect

from accesslog.models import MAX_SHOWN_REFS, AccessAction
from accesslog.services import access_log_write
from secrecy.decorators import secrecy_redirect
from secrecy.services import secrecy_accepted

REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,59}")
DENIED_MESSAGE = "Dit bestaat niet, of u hebt er geen toegang toe."

Loader = Callable[..., Any]


@dataclass(frozen=True)
class Screen:
    """What one view declares: the rule, the purpose and how its object is found."""

    name: str
    rule: str
    purpose: str
    object_type: str
    screen_ref: str
    methods: frozenset[str]
    secrecy: bool = True
    load: Loader | None = None
    ref: Callable[[Any], str] | None = None
    personal_data: bool = True

    def object_ref(self, obj: Any) -> str:
        if self.ref is not None:
            return ref_safe(self.ref(obj), self.screen_ref)
        for attr in ("number", "reference"):
            value = getattr(obj, attr, None)
            if value:
                return ref_safe(value, self.screen_ref)
        return ref_safe(f"{self.object_type}-{getattr(obj, 'pk', '')}", self.screen_ref)


# Every declared screen, by view function: the URL walk, the access matrix and the README read it.
SCREENS: dict[str, Screen] = {}


def ref_safe(value: Any, fallback: str) -> str:
    """A pseudonymous reference for the log, or the fallback (a URL part may hold anything)."""
    text = str(value or "")
    return text if REF.fullmatch(text) else fallback


@dataclass
class _Row:
    action: str
    ref: str
    shown: tuple[str, ...] = ()
    object_type: str | None = None  # another kind of object than the screen's (e.g. the file of a request)


@dataclass
class AccessRecord:
    """What a screen showed or changed; the entry point writes it as access-log rows."""

    screen: Screen
    obj: Any = None
    rows: list[_Row] = field(default_factory=list)
    showed_nothing: bool = False

    def _ref(self, target: Any) -> str:
        if isinstance(target, str):
            return ref_safe(target, self.screen.screen_ref)
        return self.screen.object_ref(target)

    def read(self, target: Any, *, object_type: str | None = None) -> None:
        self.rows.append(_Row(AccessAction.READ, self._ref(target), object_type=object_type))

    def changed(self, target: Any, action: str = AccessAction.UPDATE, *, object_type: str | None = None) -> None:
        self.rows.append(_Row(AccessAction(action).value, self._ref(target), object_type=object_type))

    def created(self, target: Any, *, object_type: str | None = None) -> None:
        self.changed(target, AccessAction.CREATE, object_type=object_type)

    def exported(self, target: Any, *, object_type: str | None = None) -> None:
        self.changed(target, AccessAction.EXPORT, object_type=object_type)

    def listed(
        self, targets: Iterable[Any], action: str = AccessAction.READ, *, object_type: str | None = None
    ) -> None:
        """A list or search: one row naming every ref shown (never the search terms). A row names at
        most ``MAX_SHOWN_REFS`` (a bounded row); a screen that showed more (a selection of every
        user) gets as many rows as it needs, so that every ref shown is logged and none is refused."""
        shown = tuple(dict.fromkeys(self._ref(t) for t in targets))
        for start in range(0, max(len(shown), 1), MAX_SHOWN_REFS):
            part = shown[start : start + MAX_SHOWN_REFS]
            self.rows.append(_Row(AccessAction(action).value, self.screen.screen_ref, part, object_type))

    def nothing_shown(self) -> None:
        """This answer held no personal data (e.g. counts only): no allowed row for it."""
        self.showed_nothing = True

    def default_rows(self) -> list[_Row]:
        if self.rows:
            return self.rows
        if self.showed_nothing:
            return []
        ref = self.screen.object_ref(self.obj) if self.obj is not None else self.screen.screen_ref
        return [_Row(AccessAction.READ, ref)]


def access_allowed(user, rule: str, obj: Any = None) -> bool:
    """The rule for ``user`` on ``obj``, without Django's superuser shortcut."""
    return rules.has_perm(rule, user, obj)


def _write(request: HttpRequest, screen: Screen, row: _Row, *, allowed: bool) -> None:
    access_log_write(
        request,
        action=row.action,
        object_type=row.object_type or screen.object_type,
        object_ref=row.ref,
        purpose=screen.purpose,
        allowed=allowed,
        shown_refs=row.shown,
    )


def _deny(request: HttpRequest, screen: Screen, obj: Any, kwargs: dict) -> PermissionDenied:
    if obj is not None:
        ref = screen.object_ref(obj)
    else:
        candidates = [v for k, v in kwargs.items() if k in ("number", "reference", "pk", "task_id", "slug")]
        ref = ref_safe(candidates[0], screen.screen_ref) if candidates else screen.screen_ref
    action = AccessAction.READ if request.method in ("GET", "HEAD") else AccessAction.UPDATE
    # Outside the view's transaction: a refusal stays on record whatever happens next.
    _write(request, screen, _Row(action, ref), allowed=False)
    return PermissionDenied(DENIED_MESSAGE)


def _run(screen: Screen, view: Callable, request: HttpRequest, args: tuple, kwargs: dict) -> HttpResponse:
    if request.method not in screen.methods:
        return HttpResponseNotAllowed(sorted(screen.methods))
    user = request.user
    if not user.is_authenticated or not user.is_verified():
        return redirect("login")
    obj = screen.load(request, **kwargs) if screen.load is not None else None
    if screen.load is not None and obj is None:
        raise _deny(request, screen, None, kwargs)
    if not access_allowed(user, screen.rule, obj):
        raise _deny(request, screen, obj, kwargs)
    if screen.secrecy and not secrecy_accepted(user):
        return secrecy_redirect(request)
    record = AccessRecord(screen, obj)
    request.access = record
    with transaction.atomic():
        response = view(request, obj, *args, **kwargs) if screen.load is not None else view(request, *args, **kwargs)
        if screen.personal_data:
            for row in record.default_rows():
                _write(request, screen, row, allowed=True)
    return response


def work_screen(
    *,
    rule: str,
    purpose: str,
    object_type: str,
    screen_ref: str,
    load: Loader | None = None,
    ref: Callable[[Any], str] | None = None,
    methods: Sequence[str] = ("GET",),
    secrecy: bool = True,
    personal_data: bool = True,
):
    """Declare a work screen. With ``load``, the view receives the loaded object after
    ``request``; ``load(request, **url_kwargs)`` returns ``None`` for a missing object.
    ``personal_data=False`` for screens that show none (no allowed row; refusals still logged)."""
    allowed_methods = frozenset(m.upper() for m in methods) | ({"HEAD"} if "GET" in methods else set())

    def decorator(view: Callable) -> Callable:
        screen = Screen(
            name=f"{view.__module__}.{view.__qualname__}",
            rule=rule,
            purpose=purpose,
            object_type=object_type,
            screen_ref=screen_ref,
            methods=allowed_methods,
            secrecy=secrecy,
            load=load,
            ref=ref,
            personal_data=personal_data,
        )

        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            return _run(screen, view, request, args, kwargs)

        wrapper.access_screen = screen
        SCREENS[screen.name] = screen
        return wrapper

    return decorator


def screen_of(callback: Callable) -> Screen | None:
    """The declaration behind a URL pattern's callback (function or ``as_view()``), if any."""
    screen = getattr(callback, "access_screen", None)
    if screen is None and hasattr(callback, "view_class"):
        screen = getattr(callback.view_class, "access_screen", None)
    return screen
