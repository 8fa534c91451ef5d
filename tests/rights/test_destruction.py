"""Art. 12, 13: the rights app destroys its own requests. ``rights_requests_about`` finds the
requests about weegploeg file numbers; ``rights_requests_destroy`` takes request ids: those
requests' rows are gone from every table (asked corrections, notices, deferral assessments) and
no other row in the database is added, changed or removed."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rights.destruction import rights_requests_about, rights_requests_destroy
from rights.models import CorrectionItem, RequesterKind, RequestKind, RightsRequest
from rights.services.registration import rights_request_register
from tests.retention.tables import every_row, removed_rows, traces
from tests.rights.fixtures import SUBJECT_A, build_case, uitvoerder
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db


def _request(number: str, address: str, surname: str) -> RightsRequest:
    return rights_request_register(
        by=uitvoerder(),
        weegploeg_number=number,
        kind=RequestKind.CORRECTIE,
        received_on=timezone.localdate(),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address=address,
        corrections=[("surname", surname, "Typfout")],
    )


def test_art_13_rights_requests_destroy_removes_the_requests_rows_and_nothing_else():
    case = build_case()
    other_file = WeegploegFile.objects.exclude(pk=case.file.pk).first()
    about_a = _request(case.file.number, f"{SUBJECT_A['address']}, Ottersum", "Kleuskens-Baak")
    about_other = _request(other_file.number, "Bakkerstraat 99, Milsbeek", "Hendriks")
    assert rights_requests_about([case.file.number]) == {about_a.pk: case.file.number}
    before = every_row()
    removed = rights_requests_destroy({about_a.pk})
    gone = removed_rows(before, every_row())
    assert gone == removed[about_a.pk]  # what it reports is exactly what went, and nothing else changed
    assert gone["rights.RightsRequest"] == 1
    assert gone["rights.CorrectionItem"] == 1
    assert not [t for t in traces(["Kleuskens-Baak", "Kapelstraat 17, Ottersum"]) if t[0].startswith("rights_")]
    assert RightsRequest.objects.filter(pk=about_other.pk).exists()
    assert CorrectionItem.objects.filter(request=about_other).count() == 1
