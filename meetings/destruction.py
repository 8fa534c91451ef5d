"""What the meetings hold about a file, destroyed with it (art. 13), owned by the meetings app.

A file's agenda items go with the file itself (they cascade from it); its recorded collective
decisions go with the decision they record. What is left is kept by file number: proposals
awaiting or past four-eyes confirmation (with their motivation and details) and any collective
decision not linked to a decision row. ``retention`` calls this with the numbers of the files it
destroys, set-based (one DELETE per table).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from core.bulk_delete import counts_merge, grouped_delete
from meetings.models import CollectiveDecision, DecisionProposal


def meetings_files_destroy(numbers: Iterable[str]) -> dict[str, Counter]:
    """Delete what the meetings hold about these file numbers, in the caller's transaction.
    Returns the rows removed per file number and per table."""
    numbers = set(numbers)
    removed = grouped_delete(DecisionProposal, "file_number", numbers)
    counts_merge(removed, grouped_delete(CollectiveDecision, "file_number", numbers))
    return removed
