"""Issue 15: the first functioneel beheerder comes from `manage.py create_beheerder`, which prints
a one-time activation link (no password on the command line); the link sets a password once."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_roles

pytestmark = pytest.mark.django_db

PARTY = "De gemeente Heerlen"
NEW_PASSWORD = "Een-lang-wachtwoord-2026!"


def _create(username="beheer.heerlen", *extra) -> str:
    out = StringIO()
    call_command("create_beheerder", username, "--email", "b@example.invalid", "--partij", PARTY, *extra, stdout=out)
    return out.getvalue()


def _link(output: str) -> str:
    [line] = [line for line in output.splitlines() if "/inloggen/activeren/" in line]
    return urlsplit(line.strip()).path


def test_art_15_2c_create_beheerder_makes_a_functioneel_beheerder_without_a_password():
    output = _create()
    user = User.objects.get(username="beheer.heerlen")
    assert user_roles(user) == {Role.FUNCTIONEEL_BEHEERDER}
    assert user.party.name == PARTY
    assert not user.has_usable_password()
    assert _link(output).startswith("/inloggen/activeren/")


def test_art_15_2c_the_link_sets_a_password_once_then_login_asks_for_the_app(client):
    path = _link(_create())
    response = client.get(path)
    assert response.status_code == 302  # the token moves into the session, out of the URL
    form_path = response["Location"]
    assert "set-password" in form_path
    response = client.get(form_path)
    assert response.status_code == 200
    assert "Wachtwoord instellen" in response.content.decode()
    response = client.post(form_path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/"
    assert User.objects.get(username="beheer.heerlen").check_password(NEW_PASSWORD)
    response = client.post("/inloggen/", {"username": "beheer.heerlen", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert "/inloggen/app-koppelen/" in response["Location"]
    # Used once: the same link no longer works.
    other = type(client)(HTTP_HOST="127.0.0.1")
    response = other.get(path, follow=True)
    assert "niet (meer) geldig" in response.content.decode()


def test_art_15_2c_a_forged_token_is_refused(client):
    path = _link(_create())
    forged = path.rstrip("/").rsplit("/", 1)[0] + "/abc-0123456789abcdef/"
    response = client.get(forged, follow=True)
    assert "niet (meer) geldig" in response.content.decode()


def test_art_15_2c_create_beheerder_refuses_unknown_party_and_duplicate_username():
    with pytest.raises(CommandError, match="Onbekende partij") as error:
        call_command("create_beheerder", "x", "--email", "x@example.invalid", "--partij", "Nergens", stdout=StringIO())
    assert error.value.__cause__.code == "party_unknown"  # the service's ValidationError
    _create()
    with pytest.raises(CommandError, match="bestaat al") as error:
        _create()
    assert error.value.__cause__.code == "username_taken"


def test_art_15_2c_a_new_link_only_while_no_password_is_set():
    _create()
    assert _link(_create("beheer.heerlen", "--nieuwe-link"))
    user = User.objects.get(username="beheer.heerlen")
    user.set_password(NEW_PASSWORD)
    user.save()
    with pytest.raises(CommandError, match="al een wachtwoord") as error:
        _create("beheer.heerlen", "--nieuwe-link")
    assert error.value.__cause__.code == "password_set"
