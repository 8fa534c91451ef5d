"""Art. 13: retention orchestrates a file's destruction through the apps that own its data (the
file's own app, the meetings, the rights requests, the viewflow processes). Ids in: the file's rows
are gone from every table, its history included; the verklaring counts exactly what went; no
other row in the database is added, changed or removed."""

from __future__ import annotations

import pytest
from django.utils import timezone

from retention.destruction import Doomed, files_destroy
from retention.models import FileKind
from retention.rules import RULES_BY_CODE
from rights.models import RequesterKind, RequestKind, RightsRequest
from rights.services.registration import rights_request_register
from tests.clock import freeze_time
from tests.retention.fixtures import at
from tests.retention.tables import every_row, removed_rows, traces
from tests.rights.fixtures import SUBJECT_A, build_case, uitvoerder
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db


def test_art_13_destroying_a_weegploeg_file_removes_it_from_every_table_and_touches_nothing_else():
    with freeze_time(at()):
        case = build_case()
        request = rights_request_register(
            by=uitvoerder(),
            weegploeg_number=case.file.number,
            kind=RequestKind.INZAGE,
            received_on=timezone.localdate(),
            requester_kind=RequesterKind.BETROKKENE,
            reply_address="Kapelstraat 17, 6591 BK Ottersum",
        )
    file = WeegploegFile.objects.get(pk=case.file.pk)
    others = set(WeegploegFile.objects.exclude(pk=file.pk).values_list("pk", flat=True))
    before = every_row()
    rule = RULES_BY_CODE["weegploeg_vernietigen"]
    with freeze_time(at(months=61)):
        [record] = files_destroy(
            FileKind.WEEGPLOEG, [Doomed(file.pk, file.number, file.last_processed_at, at().date(), rule)]
        )
    after = every_row()
    assert list(after.pop("retention.DestructionRecord")) == [record.pk]
    before.pop("retention.DestructionRecord")
    gone = removed_rows(before, after)
    assert gone == record.removed  # the verklaring counts exactly what went; nothing else changed
    for table in ("weegploeg.WeegploegFile", "weegploeg.Subject", "meetings.DecisionProposal", "rights.RightsRequest"):
        assert gone[table] >= 1, table
    assert gone["viewflow.Process"] >= 2
    assert gone["viewflow.Task"] >= 2
    assert not RightsRequest.objects.filter(pk=request.pk).exists()
    # the weegploeg file and what is kept about it elsewhere hold nothing of subject A any more;
    # the casusoverleg copy is its own file, destroyed by its own term
    left = {table for table, _, _ in traces([SUBJECT_A["address"], SUBJECT_A["bsn"]])}
    assert left
    assert all(table.startswith("casusoverleg_") for table in left)
    assert set(WeegploegFile.objects.values_list("pk", flat=True)) == others
