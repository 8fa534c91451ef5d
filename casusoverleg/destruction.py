"""Destruction of casusoverleg files (art. 13), owned by the casusoverleg: ``retention`` decides
what is due and calls this.

A file goes with everything that cascades from it, set-based (one DELETE per table for the whole
set): the copied subject and signals, participants, every plan version with its measures (the
plan's history), progress reviews, closure decisions and their recorded collective decisions,
persons, contributions, advice requests, disclosures, accuracy reviews (art. 10.3) and agenda
items. Viewflow processes are the orchestrator's (``retention.processes``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from casusoverleg.models import CasusoverlegFile
from core.bulk_delete import grouped_delete


def casusoverleg_files_destroy(ids: Iterable[int]) -> dict[int, Counter]:
    """Delete these casusoverleg files (by id) and all their rows, in the caller's transaction.
    Returns the rows removed per file id and per table."""
    return grouped_delete(CasusoverlegFile, "pk", set(ids))


def casusoverleg_sources(ids: Iterable[int]) -> dict[int, str]:
    """File id → the number of the weegploeg file it was copied from (art. 9.1)."""
    return dict(CasusoverlegFile.objects.filter(pk__in=set(ids)).values_list("pk", "source_weegploeg_number"))
