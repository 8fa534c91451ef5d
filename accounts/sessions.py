"""Session lifetime rules: idle 30 minutes, absolute 12 hours (issue 2)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

AUTH_TIME_KEY = "casus_auth_time"
LAST_SEEN_KEY = "casus_last_seen"


def session_start(session: SessionBase, now: float) -> None:
    """Call right after the password step (the session id was just renewed by ``login``)."""
    session[AUTH_TIME_KEY] = now
    session[LAST_SEEN_KEY] = now


def session_expired(session: SessionBase, now: float) -> bool:
    auth_time = session.get(AUTH_TIME_KEY)
    last_seen = session.get(LAST_SEEN_KEY)
    if auth_time is None or last_seen is None:
        # A session that never went through our login (e.g. created by a test helper) starts now.
        session_start(session, now)
        return False
    idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
    absolute = settings.SESSION_ABSOLUTE_LIFETIME.total_seconds()
    return now - last_seen > idle or now - auth_time > absolute


def session_touch(session: SessionBase, now: float) -> None:
    """Record activity at most once per ``SESSION_TOUCH_INTERVAL`` (issue 18): a request within the
    interval changes nothing, so the session is not written; idle expiry stays exact to the interval."""
    last_seen = session.get(LAST_SEEN_KEY)
    if last_seen is None or now - last_seen >= settings.SESSION_TOUCH_INTERVAL.total_seconds():
        session[LAST_SEEN_KEY] = now
