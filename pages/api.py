"""The read-only Wagtail API v2 (headless delivery of the published convenant and annexes).

Only GET, only live and public pages. Articles and criteria come out as structured JSON (the
StreamField blocks), not as HTML. Wagtail 8's API v3 is not mounted: it accepts writes.

Bad input gets a 400 with a message, never a 500 (issue 13 item 12): an offset beyond what the
database can hold, an unknown search operator, and search text with query-syntax characters (a
lone ``"`` broke SQLite's full-text query) are checked or neutralised before Wagtail runs the query.
"""

from __future__ import annotations

import re

from django.db import DatabaseError
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

MAX_OFFSET = 100_000  # far beyond the number of published pages; keeps the value a small integer
SEARCH_MAX_LENGTH = 200
SEARCH_OPERATORS = ("and", "or")
# Full-text query syntax (quotes, brackets, *, ^, :, +, -) is not part of a plain-text search.
_SEARCH_SYNTAX = re.compile(r"[^\w\s]")


def api_query_clean(params) -> dict[str, str]:
    """The query parameters to change before Wagtail sees them; ``BadRequestError`` for bad ones."""
    changes: dict[str, str] = {}
    offset = params.get("offset")
    if offset is not None:
        if not offset.strip().isdigit() or not offset.strip().isascii():
            raise BadRequestError("offset must be a positive integer")
        if int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
    operator = params.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    search = params.get("search")
    if search is not None:
        if len(search) > SEARCH_MAX_LENGTH:
            raise BadRequestError(f"search cannot be longer than {SEARCH_MAX_LENGTH} characters")
        changes["search"] = " ".join(_SEARCH_SYNTAX.sub(" ", search).split())
    return changes


class PagesEndpoint(PagesAPIViewSet):
    """Wagtail's pages endpoint with its query parameters checked first."""

    def listing_view(self, request):
        changes = api_query_clean(request.GET)
        if changes:
            params = request._request.GET.copy()
            for name, value in changes.items():
                params[name] = value
            request._request.GET = params  # DRF's query_params reads this
        try:
            return super().listing_view(request)
        except DatabaseError:
            # A query the search backend still could not run: the input is at fault, not the server.
            return Response({"message": "search query could not be processed"}, status=400)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
