"""Destruction of weegploeg files (art. 13), owned by the weegploeg: ``retention`` decides what is
due and calls this; this module knows what a weegploeg file is made of.

A file goes with everything that cascades from it (signals with their intake answers and
addenda, analyses, information requests, the decision and its recorded collective decision, the
information duty and its follow-ups, accuracy reviews, agenda items), set-based: one DELETE per
table for the whole set. The subject is protected by its files (``WeegploegFile.subject`` is
``PROTECT``): it goes after them, and only when none of its files is left. Rights requests that
point to the subject lose that link (``SET_NULL``, one UPDATE); the requests themselves belong to
the rights app (``rights.destruction``). Viewflow processes are the orchestrator's
(``retention.processes``): their rows outlive this call until it deletes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from core.bulk_delete import counts_merge, grouped_delete
from weegploeg.models import Subject, WeegploegFile


def weegploeg_files_destroy(ids: Iterable[int]) -> dict[int, Counter]:
    """Delete these weegploeg files (by id), all their rows and their subjects that no other file
    keeps, in the caller's transaction. Returns the rows removed per file id and per table."""
    ids = set(ids)
    subject_of = dict(WeegploegFile.objects.filter(pk__in=ids).values_list("subject_id", "pk"))
    removed = grouped_delete(WeegploegFile, "pk", ids)
    kept = set(WeegploegFile.objects.filter(subject_id__in=list(subject_of)).values_list("subject_id", flat=True))
    orphans = [subject for subject in subject_of if subject not in kept]
    counts_merge(removed, grouped_delete(Subject, "pk", orphans), owner=subject_of)
    return removed
