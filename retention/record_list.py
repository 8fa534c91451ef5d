"""The retention lists for real volume (issue 14 item 2), through ``core.lists``.

The destruction records (art. 13, the statements that a file was destroyed, without personal
data) grow with every day the system runs: they are filtered by category and kind of file, sorted
by every shown column and paged. The destruction lists are few; the finished ones (executed or
cancelled) are one click away on the overview. Only the uitvoerder (``retention.manage_terms``)
reaches this screen; the records hold file numbers, never personal data.
"""

from __future__ import annotations

import dataclasses

from django.db.models import QuerySet

from core.lists import ListSpec, ListState, SortKey, choice_filter
from retention.models import Category, DestructionList, DestructionRecord, FileKind, ListStatus

COLUMNS = (
    ("dossier", "Dossier"),
    ("categorie", "Categorie"),
    ("regel", "Regel"),
    ("vanaf", "Termijn vanaf"),
    ("vernietigd", "Vernietigd op"),
    ("goedgekeurd", "Goedgekeurd door"),
)
FINISHED_LISTS_LIMIT = 20


@dataclasses.dataclass
class RecordList:
    state: ListState
    finished_lists: list[DestructionList]


def record_spec() -> ListSpec:
    return ListSpec(
        filters=(
            choice_filter("categorie", "Categorie", Category.choices, lambda qs, v: qs.filter(category=v)),
            choice_filter("soort", "Soort dossier", FileKind.choices, lambda qs, v: qs.filter(kind=v)),
        ),
        sorts=(
            SortKey("dossier", "Dossier", ("file_number",)),
            SortKey("categorie", "Categorie", ("category",)),
            SortKey("regel", "Regel", ("article", "rule")),
            SortKey("vanaf", "Termijn vanaf", ("counted_from",)),
            SortKey("vernietigd", "Vernietigd op", ("destroyed_at",)),
            SortKey("goedgekeurd", "Goedgekeurd door", ("approved_by__last_name", "approved_by__username")),
        ),
        default_sort="-vernietigd",
    )


def record_list(params, records: QuerySet[DestructionRecord] | None = None) -> RecordList:
    """The page of destruction records asked for by ``params`` and the latest finished lists:
    a count, one page query and one for the lists."""
    records = records if records is not None else DestructionRecord.objects.select_related("approved_by")
    state = record_spec().apply(params, records)
    finished = list(
        DestructionList.objects.filter(status__in=[ListStatus.UITGEVOERD, ListStatus.GEANNULEERD]).order_by("-pk")[
            :FINISHED_LISTS_LIMIT
        ]
    )
    return RecordList(state, finished)
