"""Roles are groups, and a role goes only to users of parties allowed to hold it
(art. 5, 7.1-2, 8.4, 10.5)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from accounts.roles import ROLE_ELIGIBILITY, Role
from accounts.services import role_grant, user_roles, user_roles_set
from parties.models import PartyRole
from tests.factories import PartyFactory, UserFactory, party
from tests.helpers import verified_client

pytestmark = pytest.mark.django_db


def test_art_15_2b_every_role_is_a_group_and_wagtail_default_groups_are_gone():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.value for role in Role} <= names  # groups are keyed by the stable code
    assert not names & {"Editors", "Moderators"}


@pytest.mark.parametrize("role", [Role.MELDER, Role.WEEGPLOEGLID])
@pytest.mark.parametrize("party_name", ["De Raad voor de kinderbescherming", "De Reclassering Nederland"])
def test_art_7_and_8_4_melder_and_weegploeglid_refused_for_casuspartijen(role, party_name):
    user = UserFactory(party=party(party_name))
    with pytest.raises(ValidationError) as error:
        role_grant(user, role)
    assert error.value.code == "role_not_allowed_for_party"
    assert "alleen voor gebruikers van een kernpartij" in str(error.value)
    assert user_roles(user) == set()


def test_art_10_5_externe_casuspartner_role_only_for_external_partners():
    partner = UserFactory(party=PartyFactory())
    role_grant(partner, Role.EXTERNE_CASUSPARTNER)
    assert user_roles(partner) == {Role.EXTERNE_CASUSPARTNER}
    with pytest.raises(ValidationError) as error:
        role_grant(partner, Role.CASUSOVERLEG_DEELNEMER)
    assert error.value.code == "role_not_allowed_for_party"
    police = UserFactory(party=party("De politie"))
    with pytest.raises(ValidationError) as error:
        role_grant(police, Role.EXTERNE_CASUSPARTNER)
    assert error.value.code == "role_not_allowed_for_party"


def test_art_15_2b_eligibility_table_is_enforced_for_every_role_and_party_role():
    partner_party = PartyFactory()
    samples = {
        PartyRole.KERNPARTIJ: party("Het Openbaar Ministerie"),
        PartyRole.CASUSPARTIJ: party("De Reclassering Nederland"),
        PartyRole.EXTERNE_CASUSPARTNER: partner_party,
    }
    for role in Role:
        for party_role, sample in samples.items():
            user = UserFactory(party=sample)
            if party_role in ROLE_ELIGIBILITY[role]:
                role_grant(user, role)
                assert role in user_roles(user)
            else:
                with pytest.raises(ValidationError) as error:
                    role_grant(user, role)
                assert error.value.code == "role_not_allowed_for_party"


def test_art_15_2c_user_roles_set_refuses_everything_when_one_role_is_not_allowed():
    user = UserFactory(party=party("De Reclassering Nederland"), roles=[Role.CASUSOVERLEG_DEELNEMER])
    with pytest.raises(ValidationError) as error:
        user_roles_set(user, [Role.CASUSOVERLEG_DEELNEMER, Role.BELEIDSREDACTEUR, Role.MELDER])
    assert error.value.code == "role_not_allowed_for_party"
    assert user_roles(user) == {Role.CASUSOVERLEG_DEELNEMER}


def test_art_15_2c_functioneel_beheerder_cannot_give_a_casuspartij_user_the_melder_role_in_the_admin():
    beheerder = UserFactory(party=party("De gemeente Roermond"), roles=[Role.FUNCTIONEEL_BEHEERDER])
    target = UserFactory(party=party("De Raad voor de kinderbescherming"))
    client = verified_client(beheerder)
    edit_url = f"/admin/users/edit/{target.pk}/"
    page = client.get(edit_url)
    assert page.status_code == 200
    melder = Group.objects.get(name=Role.MELDER.group_name)
    response = client.post(
        edit_url,
        {
            "username": target.username,
            "email": target.email,
            "first_name": target.first_name,
            "last_name": target.last_name,
            "party": target.party_id,
            "is_active": "on",
            "groups": [melder.pk],
            "reason": "test",
        },
    )
    assert response.status_code == 200
    assert "alleen voor gebruikers van een kernpartij" in response.content.decode()
    assert user_roles(target) == set()


def test_art_15_2b_functioneel_beheerder_cannot_read_case_data_by_that_role_alone():
    beheerder = UserFactory(party=party("De gemeente Roermond"), roles=[Role.FUNCTIONEEL_BEHEERDER])
    perms = beheerder.get_all_permissions()
    case_apps = {"weegploeg", "casusoverleg", "flows", "accesslog", "incidents"}
    assert not {p for p in perms if p.split(".")[0] in case_apps and p.split(".")[1].startswith("view_")}
