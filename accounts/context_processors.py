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
    return {"staff_area": True, "staff_links": links}
