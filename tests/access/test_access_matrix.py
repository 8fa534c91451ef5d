"""Issue 12: the outcome of every kind of work screen for each role × party kind × case
participation equals this hand-written table (art. 7.1-2, 8.4, 9.1, 10.4, 10.5, 12.1, 13.1,
15.2). It is written by hand on purpose: the generated matrix would check the code against itself.

Every user has accepted the secrecy duty, so the outcome is the rule's alone: 200 or 403.
"""

from __future__ import annotations

import pytest

from accounts.roles import Role
from casusoverleg.agendering import participant_add
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda
from tests.factories import PartyFactory, UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import accepted, melder, register

pytestmark = pytest.mark.django_db

EXTERNAL_IN_CASE = "Stichting Partner in de casus"

# who → (role, party name or a marker for an external party, whether the party takes part in the case)
USERS = {
    "melder_kernpartij": (Role.MELDER, "De politie"),
    "weegploeglid_kernpartij": (Role.WEEGPLOEGLID, "De politie"),
    "uitvoerder_kernpartij": (Role.UITVOERDER, "De gemeente Heerlen"),
    "deelnemer_kernpartij_in_casus": (Role.CASUSOVERLEG_DEELNEMER, GENNEP),
    "deelnemer_kernpartij_buiten_casus": (Role.CASUSOVERLEG_DEELNEMER, "De gemeente Venlo"),
    "deelnemer_casuspartij_in_casus": (Role.CASUSOVERLEG_DEELNEMER, RVDK),
    "deelnemer_casuspartij_buiten_casus": (Role.CASUSOVERLEG_DEELNEMER, "De Reclassering Nederland"),
    "partner_in_casus": (Role.EXTERNE_CASUSPARTNER, EXTERNAL_IN_CASE),
    "partner_buiten_casus": (Role.EXTERNE_CASUSPARTNER, "Stichting Partner elders"),
    "beheerder_kernpartij": (Role.FUNCTIONEEL_BEHEERDER, "De gemeente Roermond"),
    "superuser_zonder_rol": (None, "De politie"),
}

WEEGPLOEG = {"weegploeglid_kernpartij", "uitvoerder_kernpartij"}
CASE_FULL = {"uitvoerder_kernpartij", "deelnemer_kernpartij_in_casus", "deelnemer_casuspartij_in_casus"}

# screen → (path template, the article, who gets the page; everyone else gets 403)
TABLE = {
    "weegploeg werkbak": ("/werk/weegploeg/", "art. 8.4", WEEGPLOEG),
    "weegploegdossier": ("/werk/weegploeg/dossier/{w}/", "art. 8.4", WEEGPLOEG),
    "signaal inbrengen": ("/werk/weegploeg/melden/", "art. 7.1-7.2", {"melder_kernpartij"}),
    "casusoverlegdossier": ("/werk/casussen/{c}/", "art. 9.1, 10.4", CASE_FULL),
    "plan van aanpak": ("/werk/casussen/{c}/plan/", "art. 10.4, 10.5", CASE_FULL | {"partner_in_casus"}),
    "verzoeken betrokkenen": ("/werk/rechten/", "art. 12.1", {"uitvoerder_kernpartij"}),
    "bewaartermijnen": ("/werk/bewaartermijnen/", "art. 13.1", {"uitvoerder_kernpartij"}),
    "incidentenregister": ("/werk/incidenten/", "art. 15.2g", WEEGPLOEG),
    "toegangslog": ("/werk/toegangslog/", "art. 15.2e", {"uitvoerder_kernpartij"}),
    "autorisatielog": ("/werk/autorisaties/", "art. 15.2c", {"uitvoerder_kernpartij", "beheerder_kernpartij"}),
    "toegangsmatrix": ("/werk/toegangsmatrix/", "art. 15.2c-d", {"uitvoerder_kernpartij", "beheerder_kernpartij"}),
}


def _party(name: str):
    if name.startswith("Stichting"):
        return PartyFactory(name=name)
    return party(name)


def _user(who: str):
    role, party_name = USERS[who]
    if role is None:
        return accepted(UserFactory(party=_party(party_name), is_superuser=True, is_staff=True))
    return accepted(UserFactory(roles=[role], party=_party(party_name)))


def _world() -> dict[str, str]:
    weegploeg_file = register(melder())
    casus = agenda(involved=[RVDK])
    external = PartyFactory(name=EXTERNAL_IN_CASE)
    participant_add(
        casus,
        by=accepted(UserFactory(roles=[Role.CASUSOVERLEG_DEELNEMER], party=party(GENNEP))),
        party=external,
        reason="Nodig voor het plan",
    )
    return {"w": weegploeg_file.number, "c": casus.number}


def _outcomes(world: dict[str, str], whos) -> dict[tuple[str, str], int]:
    from parties.models import Party

    result = {}
    for who in whos:
        role, party_name = USERS[who]
        if party_name == EXTERNAL_IN_CASE:
            user = accepted(UserFactory(roles=[role], party=Party.objects.get(name=EXTERNAL_IN_CASE)))
        else:
            user = _user(who)
        client = verified_client(user)
        for screen, (template, _article, _allowed) in TABLE.items():
            result[(who, screen)] = client.get(template.format(**world)).status_code
    return result


def _expected(whos) -> dict[tuple[str, str], int]:
    return {(who, screen): 200 if who in allowed else 403 for who in whos for screen, (_, _, allowed) in TABLE.items()}


@pytest.mark.parametrize("who", list(USERS))
def test_art_8_4_10_4_10_5_12_1_13_1_15_2_outcome_of_every_screen_per_role_party_and_case(who):
    world = _world()
    assert _outcomes(world, [who]) == _expected([who])


def test_art_15_2b_renaming_every_role_label_leaves_every_outcome_unchanged(monkeypatch):
    world = _world()
    for role in Role:
        monkeypatch.setattr(role, "_label_", f"Andere naam {role.value}")
    whos = list(USERS)
    assert _outcomes(world, whos) == _expected(whos)
