"""The deadlines dashboard and the request list keep a flat number of queries as data grow."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from rights.models import RequesterKind, RequestKind
from rights.services.registration import identity_record, rights_request_register
from tests.helpers import verified_client
from tests.rights.fixtures import subject_file, uitvoerder

pytestmark = pytest.mark.django_db


def _requests(user, n):
    file = subject_file()
    for _ in range(n):
        request = rights_request_register(
            by=user,
            weegploeg_number=file.number,
            kind=RequestKind.BEIDE,
            received_on=timezone.localdate() - datetime.timedelta(days=1),
            requester_kind=RequesterKind.BETROKKENE,
            reply_address="Postbus 1",
            corrections=[("address", "Markt 3", "Verhuisd")],
        )
        identity_record(request, established_on=timezone.localdate(), method="balie")


def test_issue_14_2_deadlines_and_request_list_queries_stay_flat(django_assert_max_num_queries):
    user = uitvoerder()
    client = verified_client(user)
    _requests(user, 2)
    client.get("/werk/rechten/termijnen/")  # warm caches (session, permissions)
    with django_assert_max_num_queries(30) as small:
        assert client.get("/werk/rechten/termijnen/").status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get("/werk/rechten/").status_code == 200
    _requests(user, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get("/werk/rechten/termijnen/")
    assert page.content.decode().count("R-20") >= 14
    with django_assert_max_num_queries(30):
        assert client.get("/werk/rechten/").status_code == 200


def test_art_12_1_dashboard_links_the_uitvoerder_to_the_rights_screens():
    page = verified_client(uitvoerder()).get("/werk/").content.decode()
    assert 'href="/werk/rechten/"' in page
    assert 'href="/werk/rechten/termijnen/"' in page
