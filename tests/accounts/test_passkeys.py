"""Issue 17 item 9 (art. 15.2d): passkeys beside the app code, and the policy that requires them.

The ceremonies themselves run in Chromium with a virtual authenticator
(tests/browser/test_passkeys.py); here the gate, the code step, the policy and removal, over HTTP.
A session "verified by a passkey" is made as the helpers make one verified by the app: the
passkey's id in the session.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp_webauthn.models import WebAuthnCredential

from accounts.roles import Role
from tests.factories import PASSWORD, StaticDeviceFactory, UserFactory, party
from tests.helpers import HOST, current_code, password_only_client, totp_device, verified_client

pytestmark = pytest.mark.django_db

NEXT = "/werk/"
REGISTER_BEGIN = "/account/passkeys/webauthn/registratie/begin/"
AUTH_BEGIN = "/account/passkeys/webauthn/controle/begin/"


def _user(party_name="De politie"):
    return UserFactory(roles=[Role.MELDER], party=party(party_name), with_totp=True)


def _passkey(user, n=1):
    return WebAuthnCredential.objects.create(
        user=user, name=f"Passkey {n}", credential_id=f"credential-{user.pk}-{n}".encode(), public_key=b"k"
    )


def _passkey_client(user, passkey) -> Client:
    client = Client(HTTP_HOST=HOST)
    client.force_login(user, backend="accounts.backends.PartyAwareModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = passkey.persistent_id
    session.save()
    return client


def _login_with_app_code(client, user):
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD, "next": NEXT})
    return client.post(f"/inloggen/code/?next={NEXT}", {"code": current_code(totp_device(user)), "next": NEXT})


def test_art_15_2d_without_the_policy_the_app_code_still_works_and_the_code_step_offers_the_passkey(client):
    user = _user()
    _passkey(user)
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD, "next": NEXT})
    page = client.get(f"/inloggen/code/?next={NEXT}").content.decode()
    assert 'id="passkey-verification-placeholder"' in page
    assert 'name="code"' in page
    # the library's script and its configuration come from our own origin, as files and a data block
    assert "/static/django_otp_webauthn/otp_webauthn_auth.js" in page
    assert '<script id="otp_webauthn_config" type="application/json">' in page
    assert "<script>" not in page
    response = client.post(f"/inloggen/code/?next={NEXT}", {"code": current_code(totp_device(user)), "next": NEXT})
    assert response["Location"] == NEXT
    assert client.get(NEXT).status_code == 200


def test_art_15_2d_passkey_ceremony_endpoints_follow_the_gate():
    user = _user()
    _passkey(user)
    half = password_only_client(user)
    # the passkey is the second factor: its check is open on the code step ...
    response = half.post(AUTH_BEGIN, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["allowCredentials"]
    # ... but linking a passkey needs a verified session (a password alone links nothing)
    response = half.post(REGISTER_BEGIN, content_type="application/json")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/code/")
    assert verified_client(user).post(REGISTER_BEGIN, content_type="application/json").status_code == 200
    # passwordless login stays off
    assert Client(HTTP_HOST=HOST).post(AUTH_BEGIN)["Location"].startswith("/inloggen/")


def test_art_15_2d_required_passkey_app_code_only_leads_to_linking_one(settings):
    settings.PASSKEYS_REQUIRED = "all"
    user = _user()
    client = Client(HTTP_HOST=HOST)
    response = _login_with_app_code(client, user)
    assert response.status_code == 302
    for path in (NEXT, "/account/", "/werk/casussen/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/passkeys/koppelen/")
    page = client.get(f"/account/passkeys/koppelen/?next={NEXT}").content.decode()
    assert 'id="passkey-registration-placeholder"' in page
    assert "vereist inloggen met een passkey" in page
    assert client.post(REGISTER_BEGIN, content_type="application/json").status_code == 200


def test_art_15_2d_required_passkey_app_code_and_backup_code_no_longer_complete_the_login(settings):
    settings.PASSKEYS_REQUIRED = "all"
    user = _user()
    StaticDeviceFactory(user=user, codes=["abcd2345"])
    passkey = _passkey(user)
    client = Client(HTTP_HOST=HOST)
    response = _login_with_app_code(client, user)
    assert response.status_code == 200
    assert "vereist inloggen met een passkey" in response.content.decode()
    assert client.get(NEXT)["Location"].startswith("/inloggen/code/")
    response = client.post(f"/inloggen/code/?next={NEXT}", {"code": "abcd2345", "next": NEXT})
    assert response.status_code == 200
    assert client.get(NEXT)["Location"].startswith("/inloggen/code/")
    page = client.get(f"/inloggen/code/?next={NEXT}").content.decode()
    assert 'name="code"' not in page
    assert 'id="passkey-verification-placeholder"' in page
    # a session verified by the app before the policy came is sent back to the passkey
    old = verified_client(user)
    assert old.get(NEXT)["Location"].startswith("/inloggen/code/")
    assert old.post(REGISTER_BEGIN, content_type="application/json").status_code == 302, "no second passkey"
    # the passkey completes the login
    assert _passkey_client(user, passkey).get(NEXT).status_code == 200


def test_art_15_2d_a_party_can_require_passkeys_for_its_users_only(settings):
    settings.PASSKEYS_REQUIRED = "none"
    settings.PASSKEYS_REQUIRED_PARTIES = [party("De politie").slug]
    politie, gemeente = _user("De politie"), _user("De gemeente Venlo")
    _passkey(politie)
    _passkey(gemeente)
    refused = _login_with_app_code(Client(HTTP_HOST=HOST), politie)
    assert refused.status_code == 200
    allowed = _login_with_app_code(Client(HTTP_HOST=HOST), gemeente)
    assert allowed.status_code == 302
    assert allowed["Location"] == NEXT


def test_art_15_2d_user_removes_own_passkey_not_someone_elses():
    user, other = _user(), _user("De gemeente Venlo")
    own, foreign = _passkey(user, 1), _passkey(other, 1)
    client = verified_client(user)
    page = client.get("/account/passkeys/").content.decode()
    assert "Passkey 1" in page
    assert 'id="passkey-registration-placeholder"' in page
    response = client.post(f"/account/passkeys/{foreign.pk}/verwijderen/")
    assert response.status_code == 302
    assert WebAuthnCredential.objects.filter(pk=foreign.pk).exists()
    assert "bestaat niet" in client.get("/account/passkeys/").content.decode()
    assert client.get(f"/account/passkeys/{own.pk}/verwijderen/").status_code == 405
    client.post(f"/account/passkeys/{own.pk}/verwijderen/")
    assert not WebAuthnCredential.objects.filter(pk=own.pk).exists()
    assert "is verwijderd" in client.get("/account/passkeys/").content.decode()
    # the removed passkey no longer counts on the code step
    client.post("/uitloggen/")
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD, "next": NEXT})
    assert 'id="passkey-verification-placeholder"' not in client.get("/inloggen/code/").content.decode()


def test_art_15_2d_last_required_passkey_cannot_be_removed(settings):
    settings.PASSKEYS_REQUIRED = "all"
    user = _user()
    first = _passkey(user, 1)
    client = _passkey_client(user, first)
    client.post(f"/account/passkeys/{first.pk}/verwijderen/")
    assert WebAuthnCredential.objects.filter(pk=first.pk).exists()
    assert "Koppel eerst een andere passkey" in client.get("/account/passkeys/").content.decode()
    second = _passkey(user, 2)
    client.post(f"/account/passkeys/{second.pk}/verwijderen/")
    assert not WebAuthnCredential.objects.filter(pk=second.pk).exists()
