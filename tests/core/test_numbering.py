"""Issue 16: one numbering on django-sequences for files and incidents, continuing the old numbers."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from core.months import add_months
from core.numbering import file_number_next, number_next
from flows.incidents import IncidentFlow
from incidents.models import IncidentProcess
from incidents.services import incident_reference_assign
from tests.clock import freeze_time
from weegploeg.models import FileNumberCounter

pytestmark = pytest.mark.django_db


def test_art_8_3_months_end_on_the_last_day_of_a_shorter_month():
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2027, 8, 31), 6) == datetime.date(2028, 2, 29)
    assert add_months(datetime.date(2026, 1, 31), -2) == datetime.date(2025, 11, 30)
    assert add_months(datetime.date(2026, 12, 15), 1) == datetime.date(2027, 1, 15)


@freeze_time("2026-05-01 12:00:00+02:00")
def test_issue_16_2_file_numbers_count_per_prefix_and_year_and_continue_the_old_counter():
    FileNumberCounter.objects.create(prefix="W", year=2026, last=41)
    assert file_number_next("W") == "W-2026-0042"
    assert file_number_next("W") == "W-2026-0043"
    assert file_number_next("C") == "C-2026-0001"
    assert number_next("C", year=2027) == "C-2027-0001"


def _incident(reference: str | None, registered_at=None) -> IncidentProcess:
    return IncidentProcess.objects.create(
        flow_class=IncidentFlow,
        reference=reference,
        title="Incident",
        description="d",
        discovered_at=timezone.now(),
        registered_at=registered_at,
    )


def test_art_15_2g_incident_references_continue_after_the_highest_existing_one():
    registered = datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)
    _incident("I-2026-0007", registered)
    _incident("I-2025-0030", registered)
    assert incident_reference_assign(_incident(None, registered)) == "I-2026-0008"
    assert incident_reference_assign(_incident(None, registered)) == "I-2026-0009"
    later = _incident(None, datetime.datetime(2027, 1, 5, 10, tzinfo=datetime.UTC))
    assert incident_reference_assign(later) == "I-2027-0001"
    assert IncidentProcess.objects.get(pk=later.pk).reference == "I-2027-0001"
