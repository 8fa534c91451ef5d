"""Issue 17 item 4 (art. 15.2c, 15.2d): a lost authenticator. The functioneel beheerder resets a
user's second factor from /werk/gebruikers/tweede-factor/, confirming with a fresh code of their own
app; the user's devices go, the user's sessions end, the authorisation log records it, and the user
links an app afresh at the next login and sees ten new backup codes once."""

from __future__ import annotations

import pytest
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accesslog.models import AccessLogEntry
from accounts.roles import Role
from authorisations.models import AuthorisationEvent, AuthorisationEventKind
from tests.factories import PASSWORD, StaticDeviceFactory, UserFactory, party
from tests.helpers import HOST, current_code, totp_device, verified_client
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db

SCREEN = "/werk/gebruikers/tweede-factor/"


def _beheerder():
    user = accepted(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De gemeente Roermond")))
    totp_device(user)
    return user


def _user_with_every_factor():
    user = UserFactory(roles=[Role.MELDER], party=party("De politie"), with_totp=True)
    StaticDeviceFactory(user=user, codes=["abcd2345"])
    WebAuthnCredential.objects.create(
        user=user, name="Passkey", credential_id=b"credential-id-1", public_key=b"key", sign_count=0
    )
    return user


def _reset(client, target, code, reason="Telefoon kwijt, teruggebeld op bekend nummer"):
    return client.post(SCREEN, {"user": target.pk, "reden": reason, "code": code})


def test_art_15_2c_reset_without_a_fresh_code_is_refused_and_changes_nothing():
    beheerder, target = _beheerder(), _user_with_every_factor()
    client = verified_client(beheerder)
    for code in ("", "123456", "abcd2345"):  # none, a wrong code, and a backup code (not the app's)
        response = _reset(client, target, code)
        assert response.status_code == 400
        assert len(list(devices_for_user(target, confirmed=None))) == 3
    assert not AuthorisationEvent.objects.filter(kind=AuthorisationEventKind.SECOND_FACTOR_RESET).exists()
    target_client = verified_client(target)
    assert target_client.get("/werk/").status_code == 200


def test_art_15_2c_reset_removes_devices_ends_sessions_logs_and_user_enrols_afresh():
    beheerder, target = _beheerder(), _user_with_every_factor()
    target_client = verified_client(target)
    assert target_client.get("/werk/").status_code == 200
    client = verified_client(beheerder)
    assert client.get(SCREEN).status_code == 200

    response = _reset(client, target, current_code(totp_device(beheerder)))

    assert response.status_code == 302
    assert response["Location"] == SCREEN
    assert "is teruggezet" in client.get(SCREEN).content.decode()
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert not StaticDevice.objects.filter(user=target).exists()
    assert not WebAuthnCredential.objects.filter(user=target).exists()
    # the user's open session ended: the next request goes to the login
    response = target_client.get("/werk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
    # one row in the authorisation log: who, whom, what, why
    event = AuthorisationEvent.objects.get(kind=AuthorisationEventKind.SECOND_FACTOR_RESET)
    assert (event.actor_id, event.subject_id) == (beheerder.pk, target.pk)
    assert event.reason.startswith("Telefoon kwijt")
    assert "authenticator-app" in event.old_value
    assert "passkey" in event.old_value
    # and the access log names the user whose factor was reset (pseudonymously)
    assert AccessLogEntry.objects.filter(
        user_id=beheerder.pk, allowed=True, object_type="gebruiker", object_ref=f"gebruiker-{target.pk}"
    ).exists()

    # next login: the password leads to linking an app, and ten backup codes are shown once
    fresh = type(target_client)(HTTP_HOST=HOST)
    response = fresh.post("/inloggen/", {"username": target.username, "password": PASSWORD, "next": "/werk/"})
    assert response["Location"].startswith("/inloggen/app-koppelen/")
    fresh.get(response["Location"])
    device = TOTPDevice.objects.get(user=target, confirmed=False)
    response = fresh.post("/inloggen/app-koppelen/?next=/werk/", {"code": current_code(device), "next": "/werk/"})
    assert response.status_code == 200
    codes = StaticDevice.objects.get(user=target).token_set.values_list("token", flat=True)
    assert len(codes) == 10
    page = response.content.decode()
    assert all(code in page for code in codes)
    assert "maar één keer getoond" in page
    assert fresh.get("/werk/").status_code == 200
    assert not any(code in fresh.get("/account/").content.decode() for code in codes)


def test_art_15_2c_beheerder_cannot_reset_their_own_second_factor_here():
    beheerder = _beheerder()
    client = verified_client(beheerder)
    assert f'value="{beheerder.pk}"' not in client.get(SCREEN).content.decode()
    response = _reset(client, beheerder, current_code(totp_device(beheerder)))
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=beheerder).exists()
    assert not AuthorisationEvent.objects.filter(kind=AuthorisationEventKind.SECOND_FACTOR_RESET).exists()


@pytest.mark.parametrize(
    ("role", "party_name"),
    [
        (Role.UITVOERDER, "De gemeente Heerlen"),
        (Role.MELDER, "De politie"),
        (Role.CASUSOVERLEG_DEELNEMER, "De gemeente Gennep"),
    ],
)
def test_art_15_2c_nobody_else_may_open_the_reset_screen(role, party_name):
    other = accepted(UserFactory(roles=[role], party=party(party_name)))
    target = _user_with_every_factor()
    client = verified_client(other)
    for method in ("get", "post"):
        before = AccessLogEntry.objects.filter(user_id=other.pk).count()
        data = {"user": target.pk, "reden": "x", "code": current_code(totp_device(other))}
        response = getattr(client, method)(SCREEN, data if method == "post" else None)
        assert response.status_code == 403
        rows = list(AccessLogEntry.objects.filter(user_id=other.pk).order_by("id"))[before:]
        assert [r.allowed for r in rows] == [False]
    assert len(list(devices_for_user(target, confirmed=None))) == 3
