"""Art. 5, 12.1: every rights screen is for the uitvoerder of a kernpartij only; everyone else gets
403 and the refusal is written to the access log (with a pseudonymous reference only)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from accesslog.models import AccessLogEntry
from accounts.roles import Role
from rights.models import RequesterKind, RequestKind
from rights.services.registration import rights_request_register
from tests.factories import PartyFactory, UserFactory, party
from tests.helpers import verified_client
from tests.rights.fixtures import SUBJECT_A, _agendered, uitvoerder
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db

# name: (method, path, the reference its denied row names: the object's number, or the screen's)
SCREENS = {
    "overzicht": ("get", "/werk/rechten/", "rechten-overzicht"),
    "termijnen": ("get", "/werk/rechten/termijnen/", "termijnen"),
    "nieuw": ("get", "/werk/rechten/nieuw/", "rechten-nieuw"),
    "nieuw_post": ("post", "/werk/rechten/nieuw/", "rechten-nieuw"),
    "verzoek": ("get", "/werk/rechten/verzoek/{r}/", "{r}"),
    "verzoek_post": ("post", "/werk/rechten/verzoek/{r}/", "{r}"),
    "uitstel_post": ("post", "/werk/rechten/verzoek/{r}/uitstel/", "{r}"),
    "overzicht_pdf": ("get", "/werk/rechten/verzoek/{r}/overzicht.pdf", "{r}"),
    "afwijzing_pdf": ("get", "/werk/rechten/verzoek/{r}/afwijzing.pdf", "{r}"),
    "informatieplicht": ("get", "/werk/rechten/informatieplicht/", "informatieplicht"),
    "informatieplicht_dossier": ("get", "/werk/rechten/informatieplicht/{w}/", "{w}"),
    "informatieplicht_post": ("post", "/werk/rechten/informatieplicht/{w}/", "{w}"),
    "informatieplicht_brief": ("get", "/werk/rechten/informatieplicht/{w}/brief.pdf", "{w}"),
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
    # Superuser status opens nothing under /werk/: only roles do (issue 12).
    "superuser_zonder_rol": lambda: UserFactory(party=party("De gemeente Heerlen"), is_superuser=True, is_staff=True),
}


def _uitvoerder_elsewhere():
    """A user of a casuspartij placed in the uitvoerder group by hand: still refused (art. 5, 12.1)."""
    from django.contrib.auth.models import Group

    user = UserFactory(party=party("De Reclassering Nederland"))
    user.groups.add(Group.objects.get(name=Role.UITVOERDER.group_name))
    return user


def _page(response, number: str) -> str:
    """The 403 page without the number asked for and the (per-render masked) CSRF token."""
    html = response.content.decode().replace(number, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.fixture
def refs():
    file, _ = _agendered(
        SUBJECT_A, second_signal="Signaal", summary="Samenvatting", note="Notitie", motivation="Motief"
    )
    request = rights_request_register(
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
    for name, (method, template, ref) in SCREENS.items():
        before = AccessLogEntry.objects.filter(user_id=user.pk).count()
        response = getattr(client, method)(template.format(**refs))
        assert response.status_code == 403, f"{who} kreeg {response.status_code} op {name}"
        rows = AccessLogEntry.objects.filter(user_id=user.pk).order_by("-id")
        assert rows.count() == before + 1, f"weigering op {name} niet (precies één keer) gelogd"
        assert rows.first().allowed is False, name
        assert rows.first().object_ref == ref.format(**refs), name


def test_art_12_1_a_refused_user_and_an_unknown_number_get_the_same_403_and_one_denied_row(refs):
    """File and request numbers cannot be probed: an existing request refused and a number that
    does not exist give the same answer, each with exactly one denied row (issue 12)."""
    user = accepted(OTHERS["weegploeglid"]())
    client = verified_client(user)
    for template, missing in (
        ("/werk/rechten/verzoek/{}/", "R-1999-9999"),
        ("/werk/rechten/verzoek/{}/overzicht.pdf", "R-1999-9999"),
        ("/werk/rechten/informatieplicht/{}/", "W-1999-9999"),
    ):
        existing_number = refs["r"] if missing.startswith("R") else refs["w"]
        before = AccessLogEntry.objects.count()
        existing = client.get(template.format(existing_number))
        unknown = client.get(template.format(missing))
        assert existing.status_code == unknown.status_code == 403
        assert _page(existing, existing_number) == _page(unknown, missing)
        rows = list(AccessLogEntry.objects.order_by("id"))[before:]
        assert [(r.allowed, r.object_ref) for r in rows] == [(False, existing_number), (False, missing)]


def test_art_12_1_the_uitvoerder_reaches_every_rights_screen(refs):
    client = verified_client(uitvoerder())
    for name, (method, template, _ref) in SCREENS.items():
        if method != "get":
            continue
        response = client.get(template.format(**refs))
        assert response.status_code in (200, 302), f"uitvoerder kreeg {response.status_code} op {name}"
    assert not AccessLogEntry.objects.filter(allowed=False).exists()


def test_art_12_1_anonymous_visitors_are_sent_to_the_login(refs, client):
    for method, template, _ref in SCREENS.values():
        response = getattr(client, method)(template.format(**refs))
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


def test_art_14_every_rights_screen_sends_an_uitvoerder_without_secrecy_acceptance_to_the_acceptance_page(refs):
    """The rule passes, the secrecy duty does not: every method goes to the acceptance page, shows
    nothing of the request and changes nothing (the rule comes first, then art. 14)."""
    from rights.models import RightsRequest
    from secrecy.models import SecrecyAcceptance

    user = uitvoerder()
    SecrecyAcceptance.objects.filter(user=user).delete()
    client = verified_client(user)
    status = RightsRequest.objects.get(number=refs["r"]).status
    for name, (method, template, _ref) in SCREENS.items():
        path = template.format(**refs)
        response = getattr(client, method)(path, {"established_on": "2026-01-01", "method": "balie"})
        assert response.status_code == 302, name
        assert response["Location"].startswith("/werk/geheimhouding/?next="), name
        assert refs["r"] not in response.content.decode()
    assert RightsRequest.objects.get(number=refs["r"]).status == status
    assert not AccessLogEntry.objects.filter(user_id=user.pk, allowed=True).exists()
