"""Art. 8.4: every weegploeg screen for every role and party: allowed or 403, and a refusal is logged."""

from __future__ import annotations

import pytest
from viewflow.workflow.models import Task

from accesslog.models import AccessLogEntry
from accounts.roles import Role
from flows.weegploeg import WeegploegFlow
from tests.factories import PartyFactory, UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import accepted, melder, register

pytestmark = pytest.mark.django_db

# who → (role, party name or None for a new externe casuspartner)
USERS = {
    "melder_gemeente": (Role.MELDER, "De gemeente Venlo"),
    "weegploeglid": (Role.WEEGPLOEGLID, "De politie"),
    "uitvoerder": (Role.UITVOERDER, "De gemeente Heerlen"),
    "casuspartij": (Role.CASUSOVERLEG_DEELNEMER, "De Reclassering Nederland"),
    "externe_casuspartner": (Role.EXTERNE_CASUSPARTNER, None),
    "beleidsredacteur": (Role.BELEIDSREDACTEUR, "De gemeente Venlo"),
    "functioneel_beheerder": (Role.FUNCTIONEEL_BEHEERDER, "De gemeente Roermond"),
}
WEEGPLOEG = {"weegploeglid", "uitvoerder"}

# screen → (method, path template, who may use it)
SCREENS = {
    "werkbak": ("get", "/werk/weegploeg/", WEEGPLOEG),
    "dossier": ("get", "/werk/weegploeg/dossier/{number}/", WEEGPLOEG),
    "taak": ("get", "/werk/weegploeg/taak/{task}/", WEEGPLOEG),
    "oppakken": ("post", "/werk/weegploeg/taak/{task}/oppakken/", WEEGPLOEG),
    "vrijgeven": ("post", "/werk/weegploeg/taak/{task}/vrijgeven/", WEEGPLOEG),
    "toewijzen": ("get", "/werk/weegploeg/taak/{task}/toewijzen/", {"uitvoerder"}),
    "koppelen": ("post", "/werk/weegploeg/dossier/{number}/koppelen/", WEEGPLOEG),
    "melden": ("get", "/werk/weegploeg/melden/", {"melder_gemeente"}),
    "mijn_meldingen": ("get", "/werk/weegploeg/mijn-meldingen/", {"melder_gemeente"}),
}


def make_user(who: str):
    role, party_name = USERS[who]
    the_party = party(party_name) if party_name else PartyFactory()
    return accepted(UserFactory(roles=[role], party=the_party))


@pytest.mark.parametrize("who", sorted(USERS))
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_art_8_4_weegploeg_screens_by_role_and_party(who, screen):
    file = register(melder("De gemeente Gennep"))
    task = Task.objects.get(process_id=file.process_id, flow_task=WeegploegFlow.analyse)
    method, template, allowed = SCREENS[screen]
    user = make_user(who)
    client = verified_client(user)
    response = getattr(client, method)(template.format(number=file.number, task=task.pk))
    denied_rows = AccessLogEntry.objects.filter(user_id=user.pk, allowed=False)
    if who in allowed:
        assert response.status_code in (200, 302), response.status_code
        assert not denied_rows.filter(action="read").exists()  # the screen itself was not refused
        if screen != "melden":  # the empty intake form shows no personal data; its POST is logged
            assert AccessLogEntry.objects.filter(user_id=user.pk, object_type="weegploeg_file").exists()
    else:
        assert response.status_code == 403
        assert denied_rows.count() == 1
        assert "Vries" not in response.content.decode()


def test_art_8_4_a_weegploeglid_of_a_party_that_left_is_refused():
    user = make_user("weegploeglid")
    file = register(melder())
    user.party.participation_ends_on = user.party.joined_on
    user.party.save()
    response = verified_client(user).get(f"/werk/weegploeg/dossier/{file.number}/")
    assert response.status_code in (302, 403)  # logged out by the backend, or refused here
