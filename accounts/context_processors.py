"""The staff shell: every ``/werk/`` page gets the work environment's own header and navigation,
showing only the screens the user may open (the same rules as the screens)."""

from __future__ import annotations

from accounts.navigation import links_for

STAFF_PREFIX = "/werk/"


def staff_shell(request) -> dict:
    user = getattr(request, "user", None)
    verified = user is not None and user.is_authenticated and getattr(user, "is_verified", lambda: False)()
    if not verified or not request.path.startswith(STAFF_PREFIX):
        return {"staff_area": False}
    links = links_for(user)
    # The current screen: the link whose address is the longest start of this path.
    current = max((link["url"] for link in links if request.path.startswith(link["url"])), key=len, default=None)
    for link in links:
        link["current"] = link["url"] == current
    return {"staff_area": True, "staff_links": links, "staff_crumbs": crumbs_for(request.path, links, current)}


def crumbs_for(path: str, links: list[dict], current: str | None) -> list[dict]:
    """The breadcrumb trail, derived from the navigation: Vandaag > the section (the link this page
    falls under) — the page itself when it is that link. A template may add its own last crumb
    (``{% block crumb %}``)."""
    crumbs = [{"url": STAFF_PREFIX, "label": "Vandaag", "current": path == STAFF_PREFIX}]
    if current and current != STAFF_PREFIX:
        label = next(link["label"] for link in links if link["url"] == current)
        crumbs.append({"url": current, "label": label, "current": path == current})
    return crumbs
