"""The party registry (Partijen, art. 2 and art. 18)."""

from __future__ import annotations

import datetime

import pytest
from wagtail.models import ModelLogEntry

from accounts.roles import Role
from parties.models import Party, PartyKind, PartyRole
from parties.services import GEMEENTEN, parties_seed, party_give_notice, party_participation_end
from tests.factories import UserFactory, party
from tests.helpers import verified_client

pytestmark = pytest.mark.django_db

SIGNED_TEXT_PARTIES = [
    *[f"De gemeente {g}" for g in GEMEENTEN],
    "Het Openbaar Ministerie",
    "De politie",
    "De Raad voor de kinderbescherming",
    "De Reclassering Nederland",
]


def test_issue_2_2_the_35_parties_of_the_signed_text_with_exact_names_and_roles(settings):
    from pathlib import Path

    assert len(SIGNED_TEXT_PARTIES) == 35
    signed = Path(settings.BASE_DIR).parent / "shared" / "convenant" / "convenant-limburg-2019.txt"
    if not signed.exists():
        signed = Path(settings.BASE_DIR) / "pages" / "data" / "convenant-limburg-2019.txt"
    lines = {line.replace("\uf0b7", "").strip() for line in signed.read_text(encoding="utf-8").splitlines()}
    for name in SIGNED_TEXT_PARTIES:
        assert name in lines, f"{name!r} staat niet zo in de ondertekende tekst"
    parties = {p.name: p for p in Party.objects.all()}
    assert set(SIGNED_TEXT_PARTIES) <= set(parties)
    assert sum(p.kind == PartyKind.GEMEENTE for p in parties.values()) == 31
    for name in SIGNED_TEXT_PARTIES[:33]:
        assert parties[name].role == PartyRole.KERNPARTIJ
    assert parties["Het Openbaar Ministerie"].kind == PartyKind.OPENBAAR_MINISTERIE
    assert parties["De politie"].kind == PartyKind.POLITIE
    assert parties["De Raad voor de kinderbescherming"].role == PartyRole.CASUSPARTIJ
    assert parties["De Reclassering Nederland"].role == PartyRole.CASUSPARTIJ
    assert parties["De gemeente Gennep"].representative == "Burgemeester van Beek"
    assert parties["De gemeente Gennep"].signed_on == datetime.date(2020, 1, 7)
    assert all(p.joined_on == datetime.date(2019, 3, 1) for p in parties.values())


def test_issue_2_2_party_seeding_is_idempotent():
    before = Party.objects.count()
    assert parties_seed() == 0
    assert Party.objects.count() == before


@pytest.mark.parametrize(
    ("notice", "ends"),
    [
        (datetime.date(2026, 1, 15), datetime.date(2026, 4, 15)),
        (datetime.date(2026, 11, 30), datetime.date(2027, 2, 28)),
        (datetime.date(2027, 11, 30), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 10, 31), datetime.date(2027, 1, 31)),
    ],
)
def test_art_18_2_participation_ends_three_months_after_notice(notice, ends):
    assert party_participation_end(notice) == ends


def test_art_18_2_party_keeps_participating_until_the_end_date():
    weert = party("De gemeente Weert")
    party_give_notice(weert, datetime.date(2026, 1, 15))
    assert weert.is_participating(datetime.date(2026, 4, 14))
    assert not weert.is_participating(datetime.date(2026, 4, 15))
    assert weert not in Party.objects.participating(datetime.date(2026, 4, 15))


def _beheerder_client():
    return verified_client(UserFactory(party=party("De gemeente Roermond"), roles=[Role.FUNCTIONEEL_BEHEERDER]))


def test_art_15_2c_functioneel_beheerder_lists_filters_searches_and_inspects_parties():
    client = _beheerder_client()
    listing = client.get("/admin/parties/party/")
    assert listing.status_code == 200
    assert "De gemeente Gennep" in listing.content.decode()
    filtered = client.get("/admin/parties/party/?role__exact=casuspartij").content.decode()
    assert "De Reclassering Nederland" in filtered
    assert "De gemeente Gennep" not in filtered
    searched = client.get("/admin/parties/party/?q=Gennep").content.decode()
    assert "De gemeente Gennep" in searched
    assert "De gemeente Venlo" not in searched
    gennep = party("De gemeente Gennep")
    inspect = client.get(f"/admin/parties/party/inspect/{gennep.pk}/").content.decode()
    assert "Burgemeester van Beek" in inspect


def test_art_18_2_notice_entered_in_the_admin_sets_the_end_date_and_is_logged_with_who_and_when():
    client = _beheerder_client()
    beek = party("De gemeente Beek")
    response = client.post(
        f"/admin/parties/party/edit/{beek.pk}/",
        {
            "name": beek.name,
            "slug": beek.slug,
            "kind": beek.kind,
            "role": beek.role,
            "joined_on": "2019-03-01",
            "notice_given_on": "2026-06-10",
            "participation_ends_on": "",
            "representative": "",
            "signed_on": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    beek.refresh_from_db()
    assert beek.participation_ends_on == datetime.date(2026, 9, 10)
    entry = ModelLogEntry.objects.filter(object_id=str(beek.pk), action="wagtail.edit").latest("timestamp")
    assert entry.user.party.name == "De gemeente Roermond"
    assert entry.timestamp is not None


def test_art_2_kind_and_role_must_match_in_the_admin():
    client = _beheerder_client()
    response = client.post(
        "/admin/parties/party/create/",
        {
            "name": "Stichting X",
            "slug": "stichting-x",
            "kind": "externe_casuspartner",
            "role": "kernpartij",
            "joined_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "past niet bij de soort partij" in response.content.decode()
    assert not Party.objects.filter(name="Stichting X").exists()


def test_art_15_2b_only_the_functioneel_beheerder_manages_the_registry():
    melder = UserFactory(roles=[Role.MELDER])
    client = verified_client(melder)
    assert client.get("/admin/parties/party/").status_code in (302, 403)
    editor = UserFactory(roles=[Role.BELEIDSREDACTEUR])
    client = verified_client(editor)
    response = client.get("/admin/parties/party/")
    assert response.status_code in (302, 403)
