"""Issue 12: navigation asks the same rules as the screens, so no role is shown a link that ends in
a 403, and every role finds its screens from the start page."""

from __future__ import annotations

import re

import pytest

from accounts.roles import Role
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db

ROLE_PARTY = [
    (Role.MELDER, "De politie", "/werk/weegploeg/melden/"),
    (Role.WEEGPLOEGLID, "De politie", "/werk/weegploeg/"),
    (Role.UITVOERDER, "De gemeente Heerlen", "/werk/rechten/"),
    (Role.CASUSOVERLEG_DEELNEMER, "De Raad voor de kinderbescherming", "/werk/casussen/"),
    (Role.FUNCTIONEEL_BEHEERDER, "De gemeente Roermond", "/werk/toegangsmatrix/"),
    (Role.BELEIDSREDACTEUR, "De gemeente Venlo", None),
]


@pytest.mark.parametrize(("role", "party_name", "expected"), ROLE_PARTY)
def test_art_15_2d_every_link_on_the_start_page_opens_for_that_role(role, party_name, expected):
    client = verified_client(accepted(UserFactory(roles=[role], party=party(party_name))))
    start = client.get("/werk/").content.decode()
    links = sorted(set(re.findall(r'href="(/werk/[^"]*)"', start)) - {"/werk/"})
    if expected:
        assert expected in links
    for href in links:
        assert client.get(href).status_code == 200, href


def test_art_15_2d_a_superuser_without_roles_is_shown_no_work_links():
    boss = accepted(UserFactory(party=party("De politie"), is_superuser=True, is_staff=True))
    start = verified_client(boss).get("/werk/").content.decode()
    work_links = set(re.findall(r'href="(/werk/[^"]*)"', start)) - {"/werk/", "/werk/geheimhouding/"}
    # The security plan is open to every staff member (art. 15.2-15.3); nothing else.
    assert work_links <= {"/werk/autorisaties/beveiligingsplan/"}
