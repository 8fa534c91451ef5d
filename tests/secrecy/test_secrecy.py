"""Secrecy (art. 14): accepted before first access to case data; survives a party leaving (art. 18.2)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django.views import View

from accounts.roles import Role
from secrecy.decorators import secrecy_required
from secrecy.mixins import SecrecyRequiredMixin
from secrecy.models import SecrecyAcceptance
from secrecy.services import secrecy_accept, secrecy_accepted
from secrecy.texts import SECRECY_TEXT_VERSION
from tests.factories import UserFactory, party
from tests.helpers import verified_client

pytestmark = pytest.mark.django_db


@secrecy_required
def case_view(request):
    return HttpResponse("casusgegevens")


class CaseView(SecrecyRequiredMixin, View):
    def get(self, request):
        return HttpResponse("casusgegevens")


@pytest.mark.parametrize("view", [case_view, CaseView.as_view()])
def test_art_14_case_data_needs_an_accepted_secrecy_duty(view):
    user = UserFactory(roles=[Role.WEEGPLOEGLID], party=party("De politie"))
    request = RequestFactory().get("/werk/weegploeg/W-2026-0001/?tab=analyse")
    request.user = user
    response = view(request)
    assert response.status_code == 302
    assert response["Location"] == "/werk/geheimhouding/?next=%2Fwerk%2Fweegploeg%2FW-2026-0001%2F"
    secrecy_accept(user, text_version=SECRECY_TEXT_VERSION)
    request.user = type(user).objects.get(pk=user.pk)
    assert view(request).content == b"casusgegevens"


def test_art_14_acceptance_over_http_records_date_and_text_version():
    user = UserFactory(roles=[Role.WEEGPLOEGLID], party=party("De politie"))
    client = verified_client(user)
    page = client.get("/werk/geheimhouding/?next=/werk/")
    assert page.status_code == 200 and "Geheimhoudingsverklaring" in page.content.decode()
    response = client.post("/werk/geheimhouding/", {"text_version": SECRECY_TEXT_VERSION, "next": "/werk/"})
    assert response.status_code == 400 and not secrecy_accepted(user)  # box not ticked
    response = client.post(
        "/werk/geheimhouding/", {"text_version": SECRECY_TEXT_VERSION, "accept": "on", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/werk/"  # no open redirect
    acceptance = SecrecyAcceptance.objects.get(user=user)
    assert acceptance.text_version == SECRECY_TEXT_VERSION and acceptance.party == user.party
    assert abs(acceptance.accepted_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert secrecy_accepted(user)


def test_art_14_a_stale_text_version_is_refused():
    user = UserFactory(party=party("De politie"))
    with pytest.raises(ValidationError):
        secrecy_accept(user, text_version="oud")
    response = verified_client(user).post("/werk/geheimhouding/", {"text_version": "oud", "accept": "on"})
    assert response.status_code == 400 and "gewijzigd" in response.content.decode()
    assert not SecrecyAcceptance.objects.exists()


def test_art_14_18_2_duty_survives_a_party_leaving_and_shows_on_its_record():
    gennep = party("De gemeente Gennep")
    member = UserFactory(party=gennep, username="medewerker-gennep")
    secrecy_accept(member, text_version=SECRECY_TEXT_VERSION)
    gennep.notice_given_on = datetime.date(2025, 1, 1)
    gennep.participation_ends_on = datetime.date(2025, 4, 1)
    gennep.save()
    uitvoerder = UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"))
    page = verified_client(uitvoerder).get(f"/werk/geheimhouding/partijen/{gennep.slug}/").content.decode()
    assert "blijft ook na opzegging van kracht" in page
    assert "neemt niet meer deel" in page
    assert "medewerker-gennep" in page and SECRECY_TEXT_VERSION in page


def test_art_14_party_overview_is_restricted_and_logged():
    from accesslog.models import AccessLogEntry

    melder = UserFactory(roles=[Role.MELDER], party=party("De politie"))
    client = verified_client(melder)
    assert client.get("/werk/geheimhouding/partijen/").status_code == 403
    assert client.get("/werk/geheimhouding/partijen/politie-onbekend/").status_code == 404
    beheerder = UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De politie"))
    client = verified_client(beheerder)
    assert client.get(f"/werk/geheimhouding/partijen/{party('De politie').slug}/").status_code == 200
    assert client.get(f"/werk/geheimhouding/partijen/{party('Het Openbaar Ministerie').slug}/").status_code == 403
    assert AccessLogEntry.objects.filter(object_type="geheimhouding", allowed=False).count() == 2
    assert AccessLogEntry.objects.filter(object_type="geheimhouding", allowed=True).count() == 1
