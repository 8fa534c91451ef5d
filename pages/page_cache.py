"""A shared cache of the published pages for anonymous visitors (issue 18).

``PublicPageCacheMiddleware`` sits before the session middleware. A GET or HEAD without a session
cookie for a published page (``PublicCacheMixin`` marks it) or the read-only API is rendered once,
stored in the shared cache (``CACHES["default"]``: a directory every gunicorn worker reads) together
with a gzip copy, and replayed from there with ``ETag``, ``Last-Modified`` and a ``Cache-Control``
a reverse proxy may follow. ``304`` answers a conditional request.

Never cached, never compressed:
* a request with a session cookie (a logged-in user's page carries a logout form with a CSRF
  token, so it is ``private, no-store`` with ``Vary: Cookie``; compressing it would open BREACH);
* a response that used a CSRF token, set a cookie, or is not a 200.

Invalidation: every entry's key contains a *generation*; ``public_pages_invalidate`` replaces it on
publish, unpublish, scheduled go-live and party changes (``pages.publication``). A lost generation
(culled, cache cleared) only means a fresh one: old entries are never served again.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

GENERATION_KEY = "public-pages:generation"
ENTRY_PREFIX = "public-pages:entry"
EXCLUDED_PREFIXES = ("/admin/", "/werk/", "/static/", "/documenten/", "/media/")
API_PREFIX = "/api/v2/"
MAX_QUERY_LENGTH = 200
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")
MIN_COMPRESS_SIZE = 200
DROPPED_HEADERS = {"set-cookie", "content-length", "etag", "last-modified", "cache-control", "vary"}
_GZIP = re.compile(r"\bgzip\b")


def public_pages_invalidate() -> None:
    """Start a new generation: every cached public page and API answer is rendered again."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def response_mark(request: HttpRequest, response: HttpResponse) -> None:
    """Called by a published page: cacheable for an anonymous visitor, never stored for a logged-in user."""
    if request.user.is_authenticated:
        add_never_cache_headers(response)
        patch_vary_headers(response, ["Cookie"])
    else:
        request.public_page_cacheable = True


def _may_use_cache(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META or request.path.startswith(EXCLUDED_PREFIXES):
        return False
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return True
    return request.path.startswith(API_PREFIX) and len(query) <= MAX_QUERY_LENGTH


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    marked = getattr(request, "public_page_cacheable", False) or request.path.startswith(API_PREFIX)
    user = getattr(request, "user", None)
    return (
        marked
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and not (user is not None and user.is_authenticated)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _entry(response: HttpResponse) -> dict:
    body = response.content
    content_type = response.get("Content-Type", "")
    gz = None
    if content_type.startswith(COMPRESSIBLE_TYPES) and len(body) >= MIN_COMPRESS_SIZE:
        gz = gzip.compress(body, compresslevel=6, mtime=0)
    last_modified = response.get("Last-Modified") or http_date()
    return {
        "headers": [(k, v) for k, v in response.items() if k.lower() not in DROPPED_HEADERS],
        "vary": response.get("Vary", ""),
        "body": body,
        "gzip": gz,
        "etag": hashlib.sha256(body).hexdigest(),
        "last_modified": last_modified,
    }


def _response(request: HttpRequest, entry: dict) -> HttpResponse:
    use_gzip = entry["gzip"] is not None and bool(_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    etag = f'"{entry["etag"]}-gz"' if use_gzip else f'"{entry["etag"]}"'
    response = HttpResponse(entry["gzip"] if use_gzip else entry["body"])
    for name, value in entry["headers"]:
        response[name] = value
    if use_gzip:
        response["Content-Encoding"] = "gzip"
    if entry["vary"]:
        response["Vary"] = entry["vary"]
    response["Content-Length"] = str(len(response.content))
    response["ETag"] = etag
    response["Last-Modified"] = entry["last_modified"]
    max_age = settings.PUBLIC_PAGE_PROXY_MAX_AGE
    response["Cache-Control"] = f"public, max-age=0, s-maxage={max_age}, must-revalidate"
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    last_modified = parse_http_date_safe(entry["last_modified"])
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


class PublicPageCacheMiddleware:
    """Serve published pages to anonymous visitors from the shared cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _may_use_cache(request):
            return self.get_response(request)
        key = f"{ENTRY_PREFIX}:{_generation()}:{request.get_host()}:{request.get_full_path()}"
        key = f"{ENTRY_PREFIX}:{hashlib.sha256(key.encode()).hexdigest()}"
        entry = cache.get(key)
        if entry is None:
            response = self.get_response(request)
            if not _storable(request, response):
                return response
            entry = _entry(response)
            cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_TIMEOUT)
        return _response(request, entry)
