"""Art. 5, 12.1: every rights screen is for the uitvoerder of a kernpartij only; everyone else gets
403 and the refusal is written to the access log (with a pseudonymous reference only)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accesslog.models import AccessLogEntry
from accounts.roles import Role
from rights import services
from rights.models import RequesterKind, RequestKind
from tests.factories import PartyFactory, UserFactory, party
from tests.helpers import verified_client
from tests.rights.fixtures import SUBJECT_A, _agendered, uitvoerder
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db

SCREENS = {
    "overzicht": ("get", "/werk/rechten/"),
    "termijnen": ("get", "/werk/rechten/termijnen/"),
    "nieuw": ("get", "/werk/rechten/nieuw/"),
    "nieuw_post": ("post", "/werk/rechten/nieuw/"),
    "verzoek": ("get", "/werk/rechten/verzoek/{r}/"),
    "verzoek_post": ("post", "/werk/rechten/verzoek/{r}/"),
    "overzicht_pdf": ("get", "/werk/rechten/verzoek/{r}/overzicht.pdf"),
    "afwijzing_pdf": ("get", "/werk/rechten/verzoek/{r}/afwijzing.pdf"),
    "informatieplicht": ("get", "/werk/rechten/informatieplicht/"),
    "informatieplicht_dossier": ("get", "/werk/rechten/informatieplicht/{w}/"),
    "informatieplicht_brief": ("get", "/werk/rechten/informatieplicht/{w}/brief.pdf"),
}

OTHERS = {
    "melder": lambda: UserFactory(roles=[Role.MELDER], party=party("De politie")),
    "weegploeglid": lambda: UserFactory(roles=[Role.WEEGPLOEGLID], party=party("De politie")),
    "casusoverleg_deelnemer": lambda: UserFactory(
        roles=[Role.CASUSOVERLEG_DEELNEMER], party=party("De gemeente Venlo")
    ),
    "beleidsredacteur": lambda: UserFactory(roles=[Role.BELEIDSREDACTEUR], party=party("De gemeente Venlo")),
    "publicatie_goedkeurder": lambda: UserFactory(
        roles=[Role.PUBLICATIE_GOEDKEURDER], party=party("Het Openbaar Ministerie")
    ),
    "externe_casuspartner": lambda: UserFactory(roles=[Role.EXTERNE_CASUSPARTNER], party=PartyFactory()),
    "functioneel_beheerder": lambda: UserFactory(
        roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De gemeente Roermond")
    ),
    "zonder_rol": lambda: UserFactory(party=party("De gemeente Maastricht")),
    "uitvoerder_casuspartij_groep": lambda: _uitvoerder_elsewhere(),
}


def _uitvoerder_elsewhere():
    """A user of a casuspartij placed in the uitvoerder group by hand: still refused (art. 5, 12.1)."""
    from django.contrib.auth.models import Group

    user = UserFactory(party=party("De Reclassering Nederland"))
    user.groups.add(Group.objects.get(name=Role.UITVOERDER.group_name))
    return user


@pytest.fixture
def refs():
    file, _ = _agendered(
        SUBJECT_A, second_signal="Signaal", summary="Samenvatting", note="Notitie", motivation="Motief"
    )
    request = services.rights_request_register(
        by=uitvoerder(),
        weegploeg_number=file.number,
        kind=RequestKind.INZAGE,
        received_on=timezone.localdate() - datetime.timedelta(days=1),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address="Postbus 1",
    )
    return {"r": request.number, "w": file.number}


@pytest.mark.parametrize("who", sorted(OTHERS))
def test_art_12_1_every_rights_screen_is_refused_to_anyone_but_the_uitvoerder(who, refs):
    user = accepted(OTHERS[who]())
    client = verified_client(user)
    for name, (method, template) in SCREENS.items():
        before = AccessLogEntry.objects.filter(allowed=False, user_id=user.pk).count()
        response = getattr(client, method)(template.format(**refs))
        assert response.status_code == 403, f"{who} kreeg {response.status_code} op {name}"
        denied = AccessLogEntry.objects.filter(allowed=False, user_id=user.pk).order_by("-id")
        assert denied.count() == before + 1, f"weigering op {name} niet gelogd"
        assert denied.first().object_ref in {refs["r"], refs["w"], "rechten"}


def test_art_12_1_the_uitvoerder_reaches_every_rights_screen(refs):
    client = verified_client(uitvoerder())
    for name, (method, template) in SCREENS.items():
        if method != "get":
            continue
        response = client.get(template.format(**refs))
        assert response.status_code in (200, 302), f"uitvoerder kreeg {response.status_code} op {name}"
    assert not AccessLogEntry.objects.filter(allowed=False).exists()


def test_art_12_1_anonymous_visitors_are_sent_to_the_login(refs, client):
    for method, template in SCREENS.values():
        response = getattr(client, method)(template.format(**refs))
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
