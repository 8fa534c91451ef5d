"""Person search across both files and the archive, returning only what the user may see.

A person is found by surname with date of birth, or by BSN, compared in their canonical forms
(NFKC, no zero-width spaces, case-folded; BSN as nine digits). Each candidate file is tested with
the same rule its own screen uses, so the search never shows more than the screens would.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.db.models import Q

from access.screens import access_allowed
from casusoverleg.models import CasusoverlegFile
from core.fields import bsn_compact
from core.text import text_name_normalise
from weegploeg.models import WeegploegFile

HIT_LIMIT = 50


@dataclasses.dataclass(frozen=True)
class PersonHit:
    kind: str  # "weegploeg", "casusoverleg"
    number: str
    archived: bool
    initials: str
    url_name: str | None


def _subject_filter(prefix: str, *, surname: str, date_of_birth: datetime.date | None, bsn: str) -> Q:
    query = Q(pk__in=[])
    if bsn:
        query |= Q(**{f"{prefix}bsn": bsn_compact(bsn)})
    if surname and date_of_birth:
        query |= Q(
            **{f"{prefix}surname__iexact": text_name_normalise(surname), f"{prefix}date_of_birth": date_of_birth}
        )
    return query


def persons_search(
    user, *, surname: str = "", date_of_birth: datetime.date | None = None, bsn: str = ""
) -> list[PersonHit]:
    terms = {"surname": surname, "date_of_birth": date_of_birth, "bsn": bsn}
    hits: list[PersonHit] = []
    weegploeg = WeegploegFile.objects.filter(_subject_filter("subject__", **terms)).select_related("subject")
    for file in weegploeg.order_by("-created_at")[:HIT_LIMIT]:
        hits += _hit(user, "weegploeg", file, "weegploeg.view_file", "weegploeg:file")
    casus = CasusoverlegFile.objects.filter(_subject_filter("subject__", **terms)).select_related("subject")
    for file in casus.order_by("-opened_at")[:HIT_LIMIT]:
        hits += _hit(user, "casusoverleg", file, "casusoverleg.view_file", "casusoverleg:detail")
    return hits


def _hit(user, kind: str, file, rule: str, url_name: str) -> list[PersonHit]:
    if file.archived_at is not None:
        # Art. 13.2: an archived file is named only to whoever may consult the archive (with a reason).
        if not access_allowed(user, "retention.consult_archive"):
            return []
        return [PersonHit(kind, file.number, True, file.subject.initials, None)]
    if not access_allowed(user, rule, file):
        return []
    return [PersonHit(kind, file.number, False, file.subject.initials, url_name)]


def persons_held(*, surname: str = "", date_of_birth: datetime.date | None = None, bsn: str = "") -> bool:
    """Whether any file — weegploeg, casusoverleg, archived or not — concerns this person. Not
    filtered by user: "we hold no data about you" must be true for the whole system."""
    terms = {"surname": surname, "date_of_birth": date_of_birth, "bsn": bsn}
    return (
        WeegploegFile.objects.filter(_subject_filter("subject__", **terms)).exists()
        or CasusoverlegFile.objects.filter(_subject_filter("subject__", **terms)).exists()
    )
