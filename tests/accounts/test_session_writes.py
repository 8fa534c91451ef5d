"""Sessions are written only when something changed or the last write is a minute old (issue 18, item 6).

The idle timeout of issue 2 (30 minutes) still holds, to the minute.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.clock import freeze_time
from tests.factories import PASSWORD, UserFactory
from tests.helpers import current_code, totp_device

pytestmark = pytest.mark.django_db
NEXT = "/werk/"


def _login(client, user):
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD, "next": NEXT})
    return client.post(f"/inloggen/code/?next={NEXT}", {"code": current_code(totp_device(user)), "next": NEXT})


def _session_writes(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(NEXT).status_code == 200
    return sum(
        1
        for q in queries.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_issue_18_6_a_request_within_a_minute_does_not_write_the_session(client):
    """Issue 2."""
    user = UserFactory(with_totp=True)
    start = timezone.now()
    with freeze_time(start):
        _login(client, user)
    with freeze_time(start + datetime.timedelta(seconds=20)):
        assert _session_writes(client) == 0
    with freeze_time(start + datetime.timedelta(seconds=59)):
        assert _session_writes(client) == 0
    with freeze_time(start + datetime.timedelta(seconds=61)):
        assert _session_writes(client) == 1  # a minute old: the idle clock moves, the session is written
    with freeze_time(start + datetime.timedelta(seconds=90)):
        assert _session_writes(client) == 0


def test_art_15_2d_idle_timeout_still_expires_at_30_minutes_to_the_minute(client):
    user = UserFactory(with_totp=True)
    start = timezone.now()
    with freeze_time(start):
        _login(client, user)
    with freeze_time(start + datetime.timedelta(seconds=61)):
        assert client.get(NEXT).status_code == 200  # last recorded activity: start + 61 s
    with freeze_time(start + datetime.timedelta(seconds=100)):
        assert client.get(NEXT).status_code == 200  # within the minute: not recorded
    # 30 minutes after the last recorded activity, and so at most a minute early for the real one.
    with freeze_time(start + datetime.timedelta(seconds=61 + 29 * 60)):
        assert client.get(NEXT).status_code == 200
    with freeze_time(start + datetime.timedelta(seconds=61 + 29 * 60 + 30 * 60 + 1)):
        response = client.get(NEXT)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
