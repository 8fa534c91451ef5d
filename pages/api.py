"""The read-only Wagtail API v2 (headless delivery of the published convenant and annexes).

Only GET, only live and public pages. Articles and criteria come out as structured JSON (the
StreamField blocks), not as HTML. Wagtail 8's API v3 is not mounted: it accepts writes.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
