"""Issue 13 item 4 (art. 15.2c): the authorisation log is complete. Every grant and revocation of a
role and every change of party writes a row, whichever way the code allows it to be made: the
services (as the shell uses them), the Wagtail users admin, the management commands, ``load_demo``,
and -- as a safety net -- code that bypasses the services."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.demo import DEMO_USERS
from accounts.models import User
from accounts.roles import Role
from accounts.services import role_grant, role_revoke, user_party_change, user_roles, user_roles_set
from authorisations.models import AuthorisationEvent, AuthorisationEventKind
from authorisations.safety_net import OUTSIDE_REASON
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db
K = AuthorisationEventKind


def _rows(user, kind=None):
    rows = AuthorisationEvent.objects.filter(subject=user)
    return rows.filter(kind=kind) if kind else rows


def test_art_15_2c_every_service_change_writes_a_row():
    user = UserFactory(party=party("De politie"))
    start = AuthorisationEvent.objects.count()
    role_grant(user, Role.MELDER, reason="a")
    role_grant(user, Role.WEEGPLOEGLID, reason="b")
    role_revoke(user, Role.MELDER, reason="c")
    user_roles_set(user, [Role.MELDER], reason="d")  # one revocation, one grant
    user_party_change(user, party("De gemeente Venlo"), reason="e")  # party change (melder may stay)
    assert AuthorisationEvent.objects.count() - start == 6
    assert _rows(user, K.PARTY_CHANGED).get().new_value == "De gemeente Venlo"


def test_art_15_2c_load_demo_writes_a_row_per_demo_role():
    call_command("load_demo", verbosity=0)
    for username, (role, _party) in DEMO_USERS.items():
        user = User.objects.get(username=username)
        assert _rows(user, K.ROLE_GRANTED).filter(role=role.value).count() == 1, username
    call_command("load_demo", verbosity=0)  # idempotent: nothing changes, nothing logged twice
    assert AuthorisationEvent.objects.filter(kind=K.ROLE_GRANTED).count() == len(DEMO_USERS)


def test_art_15_2c_management_commands_write_rows():
    call_command("create_beheerder", "fb1", email="fb1@example.invalid", partij="De gemeente Venlo", verbosity=0)
    user = User.objects.get(username="fb1")
    assert _rows(user, K.ROLE_GRANTED).filter(role=Role.FUNCTIONEEL_BEHEERDER.value).count() == 1
    call_command("superuser_grant", "fb1", reden="Technisch beheer")
    assert _rows(user, K.SUPERUSER_GRANTED).count() == 1


def test_art_15_2c_wagtail_users_admin_writes_a_row_per_change():
    beheerder = accepted(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De gemeente Roermond")))
    target = UserFactory(roles=[Role.MELDER], party=party("De politie"), username="agent9")
    group = Group.objects.get(name=Role.WEEGPLOEGLID.group_name).pk
    response = verified_client(beheerder).post(
        f"/admin/users/edit/{target.pk}/",
        {
            "username": "agent9",
            "email": target.email,
            "first_name": "A",
            "last_name": "B",
            "party": party("De gemeente Venlo").pk,
            "is_active": "on",
            "groups": [group],
            "reden": "Overgestapt",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    kinds = sorted(_rows(target).filter(actor=beheerder).values_list("kind", flat=True))
    assert kinds == sorted([K.PARTY_CHANGED, K.ROLE_REVOKED, K.ROLE_GRANTED])


def test_art_15_2c_changes_that_bypass_the_services_are_still_recorded():
    user = UserFactory(party=party("De politie"))
    melder = Group.objects.get(name=Role.MELDER.group_name)
    lid = Group.objects.get(name=Role.WEEGPLOEGLID.group_name)
    start = AuthorisationEvent.objects.count()
    user.groups.add(melder, lid)  # 2 grants
    user.groups.add(melder)  # already held: nothing
    user.groups.remove(lid)  # 1 revocation
    lid.user_set.add(user)  # reverse side: 1 grant
    user.groups.clear()  # 2 revocations
    user.party = party("De gemeente Venlo")
    user.save()  # 1 party change
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])  # 1 superuser grant
    user.save(update_fields=["last_login"])  # not an authorisation: nothing
    rows = AuthorisationEvent.objects.order_by("pk")[start:]
    assert [r.kind for r in rows] == [
        K.ROLE_GRANTED,
        K.ROLE_GRANTED,
        K.ROLE_REVOKED,
        K.ROLE_GRANTED,
        K.ROLE_REVOKED,
        K.ROLE_REVOKED,
        K.PARTY_CHANGED,
        K.SUPERUSER_GRANTED,
    ]
    assert all(r.reason == OUTSIDE_REASON for r in rows)
    assert user_roles(user) == set()
    # Through the service nothing is recorded twice.
    before = AuthorisationEvent.objects.count()
    role_grant(user, Role.MELDER, reason="Via de service")
    assert AuthorisationEvent.objects.count() == before + 1
