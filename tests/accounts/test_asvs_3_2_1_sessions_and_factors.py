"""Issue 13 item 9 (OWASP ASVS 3.2.1, 2.5, 2.2.1): the session id is renewed at the code step too,
backup codes are only regenerated with a fresh app code, and failed logins from one address over
different usernames are throttled with a growing delay, never locked out by address."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken

from accounts.roles import Role
from accounts.throttle import login_delay_for
from tests.clock import freeze_time
from tests.factories import PASSWORD, StaticDeviceFactory, UserFactory
from tests.helpers import HOST, current_code, totp_device, verified_client

pytestmark = pytest.mark.django_db

NEXT = "/werk/"
COOKIE = "casus_sessionid"


def _password_step(client, username, password=PASSWORD):
    return client.post("/inloggen/", {"username": username, "password": password, "next": NEXT})


def test_asvs_3_2_1_session_id_is_renewed_after_the_code_step(client):
    user = UserFactory(roles=[Role.MELDER], with_totp=True)
    _password_step(client, user.username)
    after_password = client.cookies[COOKIE].value
    response = client.post(f"/inloggen/code/?next={NEXT}", {"code": current_code(totp_device(user)), "next": NEXT})
    assert response.status_code == 302
    assert response["Location"] == NEXT
    after_code = client.cookies[COOKIE].value
    assert after_code != after_password
    assert client.get(NEXT).status_code == 200
    # The password-only session id that leaked is not the verified one: it opens nothing.
    attacker = Client(HTTP_HOST=HOST)
    attacker.cookies[COOKIE] = after_password
    assert attacker.get(NEXT).status_code == 302


def _backup_tokens(user) -> set[str]:
    return set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def test_asvs_2_5_backup_codes_are_not_regenerated_without_a_fresh_code():
    user = UserFactory(roles=[Role.MELDER], with_totp=True)
    StaticDeviceFactory(user=user, codes=["reserve01", "reserve02"])
    client = verified_client(user)
    before = _backup_tokens(user)
    assert client.get("/account/reservecodes/").status_code == 200  # asks for the code
    for data in ({}, {"code": ""}, {"code": "000000"}, {"code": "reserve01"}):
        response = client.post("/account/reservecodes/", data)
        assert response.status_code == 400
        assert _backup_tokens(user) == before
    with freeze_time(timezone.now() + datetime.timedelta(seconds=5)):  # past django-otp's throttle
        response = client.post("/account/reservecodes/", {"code": current_code(totp_device(user))})
    assert response.status_code == 200
    after = _backup_tokens(user)
    assert after
    assert after.isdisjoint(before)
    assert all(code in response.content.decode() for code in after)


def test_asvs_2_2_1_growing_delay_per_address_is_a_throttle_not_a_lockout():
    assert [login_delay_for(n) for n in (0, 10, 11, 12, 13, 30)] == [0, 0, 2, 4, 8, 300]


def test_asvs_2_2_1_failures_over_usernames_throttle_the_address_but_lock_out_nobody():
    newcomer = UserFactory(roles=[Role.MELDER], with_totp=True)
    shared = Client(HTTP_HOST=HOST, REMOTE_ADDR="198.51.100.7")  # e.g. a gemeente's outgoing address
    start = timezone.now()
    with freeze_time(start):
        for i in range(11):  # ten cost nothing; the eleventh starts the delay
            response = _password_step(shared, f"geraden-naam-{i}", "onjuist")
            assert response.status_code == 200
            assert "netwerkadres" not in response.content.decode()
        # A new user from the same address: slowed down with a clear Dutch message, nothing counted.
        response = _password_step(shared, newcomer.username)
        assert response.status_code == 200
        assert "Wacht 2 seconden" in response.content.decode()
        # Another address is not affected.
        elsewhere = Client(HTTP_HOST=HOST, REMOTE_ADDR="203.0.113.9")
        assert _password_step(elsewhere, newcomer.username).status_code == 302
    # No lockout by address: after the delay the newcomer logs in from the shared address.
    with freeze_time(start + datetime.timedelta(seconds=3)):
        response = _password_step(Client(HTTP_HOST=HOST, REMOTE_ADDR="198.51.100.7"), newcomer.username)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/code/")
    assert not AccessAttempt.objects.filter(username=newcomer.username).exists()
    # The delay grows with further failures (2, 4, 8, ... seconds).
    with freeze_time(start + datetime.timedelta(seconds=4)):
        assert _password_step(shared, "nog-een-naam", "onjuist").status_code == 200
        assert "Wacht 4 seconden" in _password_step(shared, newcomer.username).content.decode()
