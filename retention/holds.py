"""Holds: what blocks the destruction of a file (art. 13.1, "afhandeling van klachten").

A file is held while any of these concerns it:

* an open ``RetentionHold`` recorded by the uitvoerder (a complaint, an incident or another
  reason); one linked to an incident ends by itself when the incident is closed;
* an open rights request (inzage or correctie, ``rights.RightsRequest`` not yet "afgerond")
  about the weegploeg file (or the weegploeg file a casusoverleg file was copied from).

Holds block destruction only; archiving goes on (the file stays, read-only).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from retention.models import HoldKind, RetentionHold
from rights.models import RequestStatus, RightsRequest


@dataclasses.dataclass(frozen=True)
class Hold:
    file_number: str
    kind: str
    reason: str
    since: datetime.date | None
    hold_id: int | None = None  # a RetentionHold; None for a rights request
    reference: str = ""

    @property
    def kind_label(self) -> str:
        return HoldKind(self.kind).label


def _recorded_open() -> Q:
    return Q(released_at__isnull=True) & (Q(incident__isnull=True) | Q(incident__closed_at__isnull=True))


def _rights_open_requests(numbers: list[str] | None):
    qs = RightsRequest.objects.exclude(status=RequestStatus.AFGEROND)
    if numbers is not None:
        qs = qs.filter(weegploeg_number__in=numbers)
    return qs.only("number", "weegploeg_number", "received_on", "kind").order_by("received_on", "pk")


def holds_for(numbers: Iterable[str]) -> dict[str, list[Hold]]:
    """The open holds per file number, for the given numbers (two queries, whatever their count)."""
    numbers = sorted(set(numbers))
    found: dict[str, list[Hold]] = defaultdict(list)
    if not numbers:
        return found
    for hold in (
        RetentionHold.objects.filter(_recorded_open(), file_number__in=numbers)
        .select_related("incident")
        .order_by("placed_at", "pk")
    ):
        found[hold.file_number].append(_from_record(hold))
    for request in _rights_open_requests(numbers):
        found[request.weegploeg_number].append(_from_request(request))
    return found


def holds_all() -> list[Hold]:
    """Every open hold, for the retention overview."""
    rows = [
        _from_record(hold)
        for hold in RetentionHold.objects.filter(_recorded_open()).select_related("incident").order_by("placed_at")
    ]
    rows += [_from_request(request) for request in _rights_open_requests(None)]
    return sorted(rows, key=lambda h: (h.file_number, h.since or datetime.date.min))


def _from_record(hold: RetentionHold) -> Hold:
    reason = hold.reason
    if hold.incident_id:
        reason = f"{reason} (tot het incident {hold.incident} is afgehandeld)"
    return Hold(
        file_number=hold.file_number,
        kind=hold.kind,
        reason=reason,
        since=hold.placed_at.date(),
        hold_id=hold.pk,
        reference=str(hold.incident) if hold.incident_id else "",
    )


def _from_request(request) -> Hold:
    return Hold(
        file_number=request.weegploeg_number,
        kind=HoldKind.RECHTENVERZOEK,
        reason=f"Verzoek {request.number} ({request.get_kind_display()}) is nog niet afgehandeld.",
        since=request.received_on,
        reference=request.number,
    )
