"""Issue 2: session lifetime, and art. 18.2 — when a party's participation ends, its users lose
access that day, at login and in open sessions; a deactivated user likewise."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from parties.services import party_give_notice
from tests.clock import freeze_time
from tests.factories import PASSWORD, UserFactory, party
from tests.helpers import current_code, totp_device

pytestmark = pytest.mark.django_db
NEXT = "/werk/"


def _login(client, user):
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD, "next": NEXT})
    return client.post(f"/inloggen/code/?next={NEXT}", {"code": current_code(totp_device(user)), "next": NEXT})


def test_art_15_2d_idle_session_expires_after_30_minutes(client):
    user = UserFactory(with_totp=True)
    start = timezone.now()
    with freeze_time(start):
        _login(client, user)
    with freeze_time(start + datetime.timedelta(minutes=29)):
        assert client.get(NEXT).status_code == 200
    with freeze_time(start + datetime.timedelta(minutes=29 + 31)):
        response = client.get(NEXT)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_art_15_2d_session_ends_after_12_hours_even_when_active(client):
    user = UserFactory(with_totp=True)
    start = timezone.now()
    with freeze_time(start):
        _login(client, user)
    for minutes in range(25, 12 * 60 - 10, 25):  # active every 25 minutes, up to 11 h 40
        with freeze_time(start + datetime.timedelta(minutes=minutes)):
            assert client.get(NEXT).status_code == 200, minutes
    with freeze_time(start + datetime.timedelta(hours=12, minutes=5)):
        response = client.get(NEXT)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_art_18_2_user_of_a_party_whose_participation_ended_cannot_log_in(client):
    venlo = party("De gemeente Venlo")
    user = UserFactory(party=venlo, roles=[Role.MELDER], with_totp=True)
    party_give_notice(venlo, timezone.localdate() - datetime.timedelta(days=92))
    venlo.refresh_from_db()
    assert venlo.participation_ends_on <= timezone.localdate()
    response = client.post("/inloggen/", {"username": user.username, "password": PASSWORD, "next": NEXT})
    assert response.status_code == 200
    assert "deelname van uw organisatie" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_art_18_2_open_session_stops_on_the_day_participation_ends(client):
    venlo = party("De gemeente Venlo")
    user = UserFactory(party=venlo, roles=[Role.MELDER], with_totp=True)
    party_give_notice(venlo, timezone.localdate())
    ends = party("De gemeente Venlo").participation_ends_on
    start = timezone.now()
    with freeze_time(start):
        _login(client, user)
        assert client.get(NEXT).status_code == 200
    # Still a member the day before the end date; keep the session alive until then.
    day_before = datetime.datetime.combine(ends - datetime.timedelta(days=1), datetime.time(23, 50))
    with freeze_time(timezone.make_aware(day_before)):
        assert _login(client, user).status_code == 302
        assert client.get(NEXT).status_code == 200
    with freeze_time(timezone.make_aware(day_before) + datetime.timedelta(minutes=15)):
        response = client.get(NEXT)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_art_15_2c_deactivated_user_is_refused_mid_session(client):
    user = UserFactory(roles=[Role.MELDER], with_totp=True)
    _login(client, user)
    assert client.get(NEXT).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(NEXT)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_art_15_2d_non_public_responses_are_not_cached(client):
    user = UserFactory(with_totp=True)
    _login(client, user)
    assert "no-store" in client.get(NEXT)["Cache-Control"]
    assert "no-store" in client.get("/account/")["Cache-Control"]
