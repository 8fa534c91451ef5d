"""Art. 38-39 AVG, issue 17 item 5: the privacy officer (FG) reads the access log, its reviews, the
incident and breach register, the authorisation log and the register of processing — read-only,
and never case data."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db

READS = [
    "/werk/toegangslog/",
    "/werk/autorisaties/",
    "/werk/autorisaties/controles/",
    "/werk/incidenten/",
    "/werk/verwerkingsregister/",
]
NO_CASE_DATA = [
    "/werk/weegploeg/",
    "/werk/casussen/",
    "/werk/rechten/",
    "/werk/bewaartermijnen/",
    "/werk/bewaartermijnen/archief/",
    "/werk/personen/",
    "/werk/weegploeg/melden/",
]
NO_CHANGES = [
    ("post", "/werk/toegangslog/controle/"),
    ("get", "/werk/verwerkingsregister/toegangslog/wijzigen/"),
    ("get", "/werk/incidenten/melden/"),
    ("post", "/werk/autorisaties/beveiligingsplan/evaluatie/"),
]


def test_avg_38_the_privacy_officer_reads_the_registers_but_no_case_data_and_changes_nothing():
    fg = accepted(UserFactory(roles=[Role.FUNCTIONARIS_GEGEVENSBESCHERMING], party=party("De gemeente Sittard-Geleen")))
    client = verified_client(fg)
    assert {path: client.get(path).status_code for path in READS} == dict.fromkeys(READS, 200)
    assert {path: client.get(path).status_code for path in NO_CASE_DATA} == dict.fromkeys(NO_CASE_DATA, 403)
    changes = {path: getattr(client, method)(path).status_code for method, path in NO_CHANGES}
    assert changes == {path: 403 for _, path in NO_CHANGES}


def test_avg_38_the_privacy_officer_role_is_for_kernpartijen_only():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        UserFactory(roles=[Role.FUNCTIONARIS_GEGEVENSBESCHERMING], party=party("De Reclassering Nederland"))
