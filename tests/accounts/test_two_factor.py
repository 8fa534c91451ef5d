"""Issue 2 / art. 15.2d: password *and* a one-time code, single-use codes, throttling, lockout,
and clear Dutch messages for bad input on the login, code and enrolment forms."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import Role
from tests.clock import freeze_time
from tests.factories import PASSWORD, StaticDeviceFactory, UserFactory
from tests.helpers import current_code, totp_device

pytestmark = pytest.mark.django_db

NEXT = "/werk/"


def _password_step(client, user, password=PASSWORD):
    return client.post("/inloggen/", {"username": user.username, "password": password, "next": NEXT})


def _code_step(client, code):
    return client.post(f"/inloggen/code/?next={NEXT}", {"code": code, "next": NEXT})


def test_art_15_2d_password_then_code_reaches_the_work_pages(client):
    user = UserFactory(roles=[Role.MELDER], with_totp=True)
    response = _password_step(client, user)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/code/")
    assert client.get(NEXT)["Location"].startswith("/inloggen/code/"), "password alone opens nothing"
    response = _code_step(client, current_code(totp_device(user)))
    assert response.status_code == 302
    assert response["Location"] == NEXT
    assert client.get(NEXT).status_code == 200


def test_art_15_2d_login_rotates_the_session_id(client):
    user = UserFactory(with_totp=True)
    client.get("/inloggen/")
    client.cookies["casus_sessionid"] = "x" * 32
    _password_step(client, user)
    assert client.cookies["casus_sessionid"].value != "x" * 32


def test_art_15_2d_totp_code_is_refused_when_reused(client):
    user = UserFactory(with_totp=True)
    device = totp_device(user)
    code = current_code(device)
    _password_step(client, user)
    assert _code_step(client, code).status_code == 302
    client.post("/uitloggen/")
    with freeze_time(timezone.now() + datetime.timedelta(seconds=3)):  # past the 1 s throttle, same 30 s step
        _password_step(client, user)
        response = _code_step(client, code)
    assert response.status_code == 200
    assert "onjuist of al gebruikt" in response.content.decode()
    assert client.get(NEXT).status_code != 200


def test_art_15_2d_backup_code_works_once(client):
    user = UserFactory(with_totp=True)
    StaticDeviceFactory(user=user, codes=["abcd2345", "efgh6789"])
    _password_step(client, user)
    assert _code_step(client, "ABCD 2345")["Location"] == NEXT, "case and spaces do not matter"
    assert not StaticToken.objects.filter(token="abcd2345").exists()
    client.post("/uitloggen/")
    with freeze_time(timezone.now() + datetime.timedelta(seconds=3)):
        _password_step(client, user)
        response = _code_step(client, "abcd2345")
    assert response.status_code == 200
    assert "onjuist of al gebruikt" in response.content.decode()


def test_art_15_2d_wrong_codes_are_throttled(client):
    user = UserFactory(with_totp=True)
    device = totp_device(user)
    _password_step(client, user)
    start = timezone.now()
    with freeze_time(start):
        assert _code_step(client, "000000").status_code == 200
        # Right after a failure even the right code is refused: the throttle wins.
        response = _code_step(client, current_code(device))
    assert "Te veel onjuiste codes" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    with freeze_time(start + datetime.timedelta(seconds=2)):
        assert _code_step(client, current_code(device))["Location"] == NEXT


def test_art_15_2d_repeated_wrong_passwords_lock_the_username_from_that_address(client):
    user = UserFactory(with_totp=True)
    for _ in range(5):
        response = _password_step(client, user, password="fout-wachtwoord")
        assert response.status_code in (200, 429)
    response = _password_step(client, user)
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_art_15_2d_a_stranger_cannot_lock_out_the_user_from_another_address(client):
    user = UserFactory(with_totp=True)
    for _ in range(6):
        client.post(
            "/inloggen/",
            {"username": user.username, "password": "geraden", "next": NEXT},
            REMOTE_ADDR="203.0.113.9",
        )
    response = client.post(
        "/inloggen/", {"username": user.username, "password": PASSWORD, "next": NEXT}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/code/")


def test_art_15_2d_user_without_device_is_taken_to_enrolment_and_gets_backup_codes(client):
    user = UserFactory(roles=[Role.UITVOERDER])
    response = _password_step(client, user)
    assert response["Location"].startswith("/inloggen/app-koppelen/")
    page = client.get(response["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body, "the QR code is rendered locally as SVG"
    assert "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/inloggen/app-koppelen/", {"code": current_code(device), "next": NEXT})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert client.get(NEXT).status_code == 200


def test_art_15_2d_someone_with_only_the_password_cannot_link_a_new_device(client):
    user = UserFactory(with_totp=True)
    _password_step(client, user)
    response = client.get("/inloggen/app-koppelen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/code/")
    assert TOTPDevice.objects.filter(user=user).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Vul uw gebruikersnaam in."),
        ({"username": "iemand"}, "Vul uw wachtwoord in."),
        ({"username": "x" * 5000, "password": "y"}, "hoogstens 150 tekens"),
        ({"username": "iemand", "password": "y" * 5000}, "wachtwoord is te lang"),
        ({"username": "<script>alert(1)</script>", "password": "y"}, "Inloggen is niet gelukt"),
    ],
)
def test_art_15_2d_login_bad_input_gives_dutch_message_and_changes_nothing(client, data, message):
    response = client.post("/inloggen/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "_auth_user_id" not in client.session
    assert message in body


@pytest.mark.parametrize("code", ["", "12", "x" * 40, "<b>1</b>", "12345a"])
def test_art_15_2d_code_and_enrolment_bad_input_gives_dutch_message(client, code):
    user = UserFactory(with_totp=True)
    _password_step(client, user)
    response = _code_step(client, code)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert client.get(NEXT).status_code == 302

    newcomer = UserFactory()
    other = type(client)(HTTP_HOST="127.0.0.1")
    _password_step(other, newcomer)
    response = other.post("/inloggen/app-koppelen/", {"code": code, "next": NEXT})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer, confirmed=True).exists()


def test_art_15_2d_open_redirect_after_login_is_refused(client):
    user = UserFactory(with_totp=True)
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"})
    response = client.post(
        "/inloggen/code/", {"code": current_code(totp_device(user)), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/werk/"


def test_art_15_2d_logout_ends_the_session_on_the_server(client):
    from django.contrib.sessions.models import Session

    user = UserFactory(with_totp=True)
    _password_step(client, user)
    _code_step(client, current_code(totp_device(user)))
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post("/uitloggen/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(NEXT)["Location"].startswith("/inloggen/")
