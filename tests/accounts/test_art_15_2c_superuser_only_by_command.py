"""Issue 13 item 5 (art. 15.2c): nobody becomes superuser through a screen. The functioneel
beheerder's user form has no superuser checkbox and ignores the field when posted anyway; superusers
exist only through a management command that writes the authorisation log."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import Role
from authorisations.models import AuthorisationEvent, AuthorisationEventKind
from tests.factories import PASSWORD, UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db


def _beheerder():
    return accepted(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De gemeente Roermond")))


def test_art_15_2c_user_form_has_no_superuser_field_and_ignores_it_when_posted():
    beheerder = _beheerder()
    client = verified_client(beheerder)
    target = UserFactory(roles=[Role.MELDER], party=party("De politie"), username="agent7")
    edit_url = f"/admin/users/edit/{target.pk}/"
    for url in ("/admin/users/new/", edit_url):
        page = client.get(url)
        assert page.status_code == 200
        assert 'name="is_superuser"' not in page.content.decode()
    melder_group = Group.objects.get(name=Role.MELDER.group_name).pk
    response = client.post(
        edit_url,
        {
            "username": "agent7",
            "email": target.email,
            "first_name": "Test",
            "last_name": "Agent",
            "party": target.party_id,
            "is_active": "on",
            "is_superuser": "on",
            "groups": [melder_group],
            "reden": "Poging",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    target.refresh_from_db()
    assert not target.is_superuser
    response = client.post(
        "/admin/users/new/",
        {
            "username": "nieuw1",
            "email": "nieuw1@example.invalid",
            "first_name": "Nieuwe",
            "last_name": "Gebruiker",
            "party": party("De politie").pk,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "is_superuser": "on",
            "groups": [melder_group],
            "reden": "Nieuwe melder",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    assert not User.objects.get(username="nieuw1").is_superuser
    assert not AuthorisationEvent.objects.filter(kind=AuthorisationEventKind.SUPERUSER_GRANTED).exists()


def test_art_15_2c_superuser_only_through_the_logged_command():
    user = UserFactory(party=party("De gemeente Roermond"), username="technisch")
    with pytest.raises(CommandError):
        call_command("superuser_grant", "bestaat-niet", reden="x")
    call_command("superuser_grant", "technisch", reden="Technisch beheer")
    user.refresh_from_db()
    assert user.is_superuser
    granted = AuthorisationEvent.objects.get(subject=user, kind=AuthorisationEventKind.SUPERUSER_GRANTED)
    assert "Technisch beheer" in granted.reason
    assert "superuser_grant" in granted.reason
    call_command("superuser_grant", "technisch", reden="Klaar", intrekken=True)
    user.refresh_from_db()
    assert not user.is_superuser
    assert AuthorisationEvent.objects.filter(subject=user, kind=AuthorisationEventKind.SUPERUSER_REVOKED).count() == 1


def test_art_15_2c_createsuperuser_without_a_log_row_is_refused():
    with pytest.raises(CommandError, match="superuser_grant"):
        call_command("createsuperuser", interactive=False, username="root1", email="root1@example.invalid")
    assert not User.objects.filter(username="root1").exists()
