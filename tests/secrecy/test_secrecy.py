"""Secrecy (art. 14): accepted before first access to case data; survives a party leaving (art. 18.2)."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accesslog.models import AccessLogEntry
from accounts.roles import Role
from secrecy.models import SecrecyAcceptance
from secrecy.services import secrecy_accept, secrecy_accepted
from secrecy.texts import SECRECY_TEXT_VERSION
from tests.clock import freeze_time
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.retention.fixtures import DISTINCT_SUBJECT, agendered, at
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db

ACCEPT = "/werk/geheimhouding/"


def _case():
    with freeze_time(at()):
        return agendered(**DISTINCT_SUBJECT)


def test_art_14_real_case_screens_need_an_accepted_secrecy_duty_for_every_method():
    """Through the one access entry point: the weegploeg file, an action on it, the rights screens,
    the archive consult and the log review all send a user whose rule passes, but who did not
    accept the duty, to the acceptance page — before anything is shown or changed."""
    file, _casus = _case()
    user = UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"))
    client = verified_client(user)
    screens = [
        ("get", f"/werk/weegploeg/dossier/{file.number}/?tab=analyse"),
        ("post", f"/werk/weegploeg/dossier/{file.number}/koppelen/"),
        ("get", "/werk/rechten/"),
        ("get", f"/werk/rechten/informatieplicht/{file.number}/"),
        ("post", "/werk/bewaartermijnen/archief/"),
        ("get", "/werk/bewaartermijnen/"),
        ("get", "/werk/toegangslog/"),
        ("get", "/werk/autorisaties/"),
    ]
    for method, path in screens:
        response = getattr(client, method)(path)
        bare = path.split("?")[0]
        assert response.status_code == 302, path
        assert response["Location"] == f"{ACCEPT}?{urlencode({'next': bare})}", path  # no query string kept
        assert DISTINCT_SUBJECT["surname"] not in response.content.decode()
    assert not AccessLogEntry.objects.filter(user_id=user.pk, allowed=True).exists()
    # Accepted: the same screen opens, and the user lands back where they were.
    response = client.post(ACCEPT, {"text_version": SECRECY_TEXT_VERSION, "accept": "on", "next": "/werk/rechten/"})
    assert response.status_code == 302
    assert response["Location"] == "/werk/rechten/"
    assert client.get(f"/werk/weegploeg/dossier/{file.number}/").status_code == 200


def test_art_14_the_rule_comes_before_the_secrecy_duty():
    """A user the rule refuses gets the 403 (and one denied row), not the acceptance page: the
    redirect would tell that the screen exists for them."""
    file, _ = _case()
    user = UserFactory(roles=[Role.MELDER], party=party("De politie"))
    response = verified_client(user).get(f"/werk/rechten/informatieplicht/{file.number}/")
    assert response.status_code == 403
    assert list(AccessLogEntry.objects.filter(user_id=user.pk).values_list("allowed", "object_ref")) == [
        (False, file.number)
    ]


def test_art_14_the_acceptance_page_and_the_start_page_are_open_before_acceptance_and_log_nothing():
    user = UserFactory(party=party("De politie"))  # no role yet
    client = verified_client(user)
    assert client.get(f"{ACCEPT}?next=/werk/").status_code == 200
    assert client.get("/werk/").status_code == 200
    assert not AccessLogEntry.objects.exists()
    # Superuser status changes nothing: the acceptance and start pages, but no work screen.
    boss = UserFactory(party=party("De politie"), is_superuser=True, is_staff=True)
    client = verified_client(boss)
    assert client.get("/werk/").status_code == 200
    assert client.get("/werk/geheimhouding/partijen/").status_code == 403


def test_art_14_acceptance_over_http_records_date_and_text_version():
    user = UserFactory(roles=[Role.WEEGPLOEGLID], party=party("De politie"))
    client = verified_client(user)
    page = client.get("/werk/geheimhouding/?next=/werk/")
    assert page.status_code == 200
    assert "Geheimhoudingsverklaring" in page.content.decode()
    response = client.post("/werk/geheimhouding/", {"text_version": SECRECY_TEXT_VERSION, "next": "/werk/"})
    assert response.status_code == 400
    assert not secrecy_accepted(user)
    response = client.post(
        "/werk/geheimhouding/", {"text_version": SECRECY_TEXT_VERSION, "accept": "on", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/werk/"
    acceptance = SecrecyAcceptance.objects.get(user=user)
    assert acceptance.text_version == SECRECY_TEXT_VERSION
    assert acceptance.party == user.party
    assert abs(acceptance.accepted_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert secrecy_accepted(user)


def test_art_14_a_stale_text_version_is_refused():
    user = UserFactory(party=party("De politie"))
    with pytest.raises(ValidationError) as error:
        secrecy_accept(user, text_version="oud")
    assert error.value.code == "stale_text_version"
    response = verified_client(user).post("/werk/geheimhouding/", {"text_version": "oud", "accept": "on"})
    assert response.status_code == 400
    assert "gewijzigd" in response.content.decode()
    assert not SecrecyAcceptance.objects.exists()


def test_art_14_18_2_duty_survives_a_party_leaving_and_shows_on_its_record():
    gennep = party("De gemeente Gennep")
    member = UserFactory(party=gennep, username="medewerker-gennep")
    secrecy_accept(member, text_version=SECRECY_TEXT_VERSION)
    gennep.notice_given_on = datetime.date(2025, 1, 1)
    gennep.participation_ends_on = datetime.date(2025, 4, 1)
    gennep.save()
    uitvoerder = accepted(UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen")))
    page = verified_client(uitvoerder).get(f"/werk/geheimhouding/partijen/{gennep.slug}/").content.decode()
    assert "blijft ook na opzegging van kracht" in page
    assert "neemt niet meer deel" in page
    assert "medewerker-gennep" in page
    assert SECRECY_TEXT_VERSION in page


def test_art_14_party_overview_is_restricted_and_logged():
    melder = UserFactory(roles=[Role.MELDER], party=party("De politie"))
    client = verified_client(melder)
    assert client.get("/werk/geheimhouding/partijen/").status_code == 403
    # Issue 12: an unknown party gets the same 403 as a refused one, with its own denied row.
    assert client.get("/werk/geheimhouding/partijen/politie-onbekend/").status_code == 403
    beheerder = accepted(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De politie")))
    client = verified_client(beheerder)
    assert client.get("/werk/geheimhouding/partijen/").status_code == 200  # parties only: no row
    assert client.get(f"/werk/geheimhouding/partijen/{party('De politie').slug}/").status_code == 200
    assert client.get(f"/werk/geheimhouding/partijen/{party('Het Openbaar Ministerie').slug}/").status_code == 403
    rows = AccessLogEntry.objects.filter(object_type="geheimhouding")
    assert rows.filter(allowed=False).count() == 3
    (allowed,) = rows.filter(allowed=True)
    assert (allowed.user_id, allowed.object_ref) == (beheerder.pk, f"partij-{party('De politie').pk}")
