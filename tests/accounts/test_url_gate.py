"""Art. 15.2d (logical access control) and issue 2: every non-public page needs a password *and*
a verified one-time code.

The test walks every URL pattern of the project — Wagtail admin, the workflow screens and
whatever later issues mount — builds a concrete path for it, and proves the gate: anonymous →
login, password only → the code step, verified → the view itself (allowed or refused by role,
never a 500). A pattern for which no path can be built fails the test, so no page can slip past.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.regex_helper import normalize

from accounts.roles import Role
from tests.factories import UserFactory
from tests.helpers import password_only_client, verified_client

SAMPLES = ["1", "x", "", "x/", "1/", "00000000-0000-0000-0000-000000000001", "a/b", "nl", "pages", "1-2"]
LOGIN_PATH = "/inloggen/"
CODE_STEP_PATHS = ("/inloggen/code/", "/inloggen/app-koppelen/")
# Wagtail's "failwhale" view raises on purpose so that admins can test error reporting.
DELIBERATE_ERROR_VIEWS = {"wagtailadmin_error_test"}


@dataclasses.dataclass(frozen=True)
class Route:
    path: str
    view_name: str
    public: bool


def _route_samples(pattern: RoutePattern) -> list[str]:
    """Concrete strings for a ``path()`` route, trying sample values per converter."""
    parts = re.split(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>", pattern._route)
    # re.split gives [text, conv, name, text, conv, name, ..., text]
    texts, names = parts[0::3], parts[2::3]
    options = []
    for name in names:
        converter = pattern.converters[name]
        options.append([s for s in SAMPLES if re.fullmatch(converter.regex, s)])
    results = []
    for combo in itertools.product(*options):
        out = texts[0]
        for value, text in zip(combo, texts[1:], strict=True):
            out += value + text
        results.append(out)
    return results


def _regex_samples(pattern: RegexPattern) -> list[str]:
    regex = pattern.regex.pattern
    results = []
    for template, params in normalize(regex):
        for combo in itertools.product(SAMPLES, repeat=len(params)):
            candidate = template % dict(zip(params, combo, strict=True))
            if re.match(regex, candidate) and candidate not in results:
                results.append(candidate)
    return results


def _samples(pattern) -> list[str]:
    return _route_samples(pattern) if isinstance(pattern, RoutePattern) else _regex_samples(pattern)


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        for piece in _samples(entry.pattern) or [None]:
            if piece is None:
                yield None, entry, namespace
                break
            if isinstance(entry, URLResolver):
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from _walk(entry, prefix + piece, ns)
                break  # one working prefix is enough for the nested patterns
            yield prefix + piece, entry, namespace


def _resolves_to(path: str, entry: URLPattern, namespace: str):
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    if entry.name:
        return match if match.view_name == f"{namespace}{entry.name}" else None
    return match if match._func_path == entry.lookup_str else None


def collect_routes() -> tuple[list[Route], list[str]]:
    """One concrete path per URL pattern, and the labels of patterns no sample could reach."""
    routes: dict[str, Route] = {}
    tried: list[str] = []
    for candidate, entry, namespace in _walk(get_resolver()):
        label = f"{namespace}{entry.name or entry.lookup_str}"
        tried.append(label)
        if label in routes or candidate is None:
            continue
        path = "/" + candidate
        match = _resolves_to(path, entry, namespace)
        if match is None:
            continue
        public = match.view_name in settings.OTP_GATE_PUBLIC_URL_NAMES or path.startswith(
            tuple(settings.OTP_GATE_PUBLIC_PATH_PREFIXES)
        )
        routes[label] = Route(path=path, view_name=match.view_name, public=public)
    unbuildable = sorted({label for label in tried if label not in routes})
    return list(routes.values()), unbuildable


ROUTES, UNBUILDABLE = collect_routes()
GATED = [r for r in ROUTES if not r.public]
CODE_STEP_NAMES = set(settings.OTP_GATE_HALF_LOGGED_IN_URL_NAMES)


def test_art_15_2d_every_url_pattern_is_public_or_gated():
    """No pattern escapes the test: each one either resolves from a built path or fails here."""
    assert UNBUILDABLE == [], f"Voeg voorbeeldwaarden toe of maak deze URL's bereikbaar: {UNBUILDABLE}"
    assert len(GATED) > 100, "the walk should reach the Wagtail admin and the workflow screens"


def test_art_15_2d_public_allowlist_is_small_and_explicit():
    public_names = {r.view_name for r in ROUTES if r.public}
    allowed = set(settings.OTP_GATE_PUBLIC_URL_NAMES)
    allowed_prefixes = tuple(settings.OTP_GATE_PUBLIC_PATH_PREFIXES)
    for route in ROUTES:
        if route.public:
            assert route.view_name in allowed or route.path.startswith(allowed_prefixes)
    assert "wagtailadmin_home" not in public_names
    assert not any(name.startswith("wagtailadmin") for name in public_names)


@pytest.mark.django_db
def test_art_15_2d_anonymous_is_sent_to_login_on_every_gated_url(client):
    failures = []
    for route in GATED:
        response = client.get(route.path)
        location = response.get("Location", "")
        if response.status_code != 302 or not location.startswith(LOGIN_PATH):
            failures.append((route.path, route.view_name, response.status_code, location))
    assert failures == []


@pytest.mark.django_db
def test_art_15_2d_password_alone_is_sent_to_the_code_step_on_every_gated_url():
    user = UserFactory(is_superuser=True, roles=[Role.UITVOERDER])
    client = password_only_client(user)
    failures = []
    for route in GATED:
        response = client.get(route.path)
        location = response.get("Location", "")
        if route.view_name in CODE_STEP_NAMES:
            continue  # the code steps themselves
        if response.status_code != 302 or not location.startswith(CODE_STEP_PATHS):
            failures.append((route.path, route.view_name, response.status_code, location))
    assert failures == []


def _verified_sweep(client) -> list:
    failures = []
    for route in GATED:
        # Logging out (ours, and Wagtail's, which drops the session cookie even on a refused GET) ends the
        # sweep's session; both are covered by their own tests.
        if route.view_name in ("logout", "wagtailadmin_logout") or route.view_name in DELIBERATE_ERROR_VIEWS:
            continue
        response = client.get(route.path)
        location = response.get("Location", "")
        reached_gate = response.status_code == 302 and location.startswith((LOGIN_PATH, *CODE_STEP_PATHS))
        if response.status_code >= 500 or (reached_gate and route.view_name not in CODE_STEP_NAMES):
            failures.append((route.path, route.view_name, response.status_code, location))
    return failures


@pytest.mark.django_db
def test_art_15_2d_verified_superuser_passes_the_gate_and_nothing_errors():
    user = UserFactory(is_superuser=True, is_staff=True)
    client = verified_client(user)
    client.raise_request_exception = False
    assert _verified_sweep(client) == []


@pytest.mark.django_db
def test_art_15_2b_verified_user_without_roles_is_refused_not_errored():
    """Verified but without any role: pages answer 403 or send the user away, never a 500."""
    user = UserFactory()
    client = verified_client(user)
    client.raise_request_exception = False
    assert _verified_sweep(client) == []
    assert client.get("/admin/").status_code in (302, 403)
    assert client.get("/admin/users/").status_code in (302, 403)
