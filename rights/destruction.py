"""Destruction of rights requests (art. 12, 13), owned by the rights app: when a weegploeg file is
destroyed, the requests about it go too (``retention`` finds them here and calls this).

A request goes with everything that cascades from it (asked corrections, correction notices,
deferral assessments), set-based. A request about a file is finished by then: an open one holds
the file (``retention.holds``). Viewflow processes are the orchestrator's (``retention.processes``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from core.bulk_delete import grouped_delete
from rights.models import RightsRequest


def rights_requests_about(weegploeg_numbers: Iterable[str]) -> dict[int, str]:
    """Request id → the weegploeg file number it is about, for the requests about these files."""
    return dict(
        RightsRequest.objects.filter(weegploeg_number__in=list(set(weegploeg_numbers))).values_list(
            "pk", "weegploeg_number"
        )
    )


def rights_requests_destroy(ids: Iterable[int]) -> dict[int, Counter]:
    """Delete these rights requests (by id) and all their rows, in the caller's transaction.
    Returns the rows removed per request id and per table."""
    return grouped_delete(RightsRequest, "pk", set(ids))
