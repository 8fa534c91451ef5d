"""What is due under the rules of art. 13 (``retention.rules``), and what holds it: reads only.

``rule_due`` is the one query behind both the run (``retention.services.run``) and the overview
(``retention.selectors``); ``due_chunks`` walks it in keyset order, a chunk at a time, so a run's
memory does not grow with the number of files.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.db import models
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from casusoverleg.models import CasusoverlegFile
from retention.files import file_model
from retention.holds import Hold, holds_for
from retention.models import Category, FileKind, ReactivationOrder
from retention.rules import Action, CountedFrom, RetentionRule, months_before
from weegploeg.models import Outcome

NIET_AGENDEREN = Q(decision__outcome=Outcome.NIET_AGENDEREN)
# What a run reads of each due file: enough for its entry in the report and its verklaring.
DUE_VALUES = ("pk", "number", "last_processed_at")


def rule_kind(rule: RetentionRule) -> str:
    return FileKind.CASUSOVERLEG if rule.category == Category.CASUSOVERLEG else FileKind.WEEGPLOEG


def rule_model(rule: RetentionRule) -> type[models.Model]:
    return file_model(rule_kind(rule))


def _counted_expression(rule: RetentionRule):
    """The moment ``rule``'s term counts from. Art. 13.3 counts from the decision not to agenderen;
    after a reactivation (art. 13.4) from the new decision: the controller's order handing the file
    back to the weegploeg, so the term of the renewed processing is six months again."""
    if rule.counted_from != CountedFrom.DECISION:
        return F("last_processed_at")
    reactivated = (
        ReactivationOrder.objects.filter(kind=rule_kind(rule), file_number=OuterRef("number"))
        .order_by("-recorded_at")
        .values("recorded_at")[:1]
    )
    decided = F("decision__decided_at")
    # Greatest ignores NULL on PostgreSQL only: coalesce so SQLite compares the same way
    return Greatest(decided, Coalesce(Subquery(reactivated), decided))


def rule_due(rule: RetentionRule, moment: datetime.datetime) -> QuerySet:
    """The files for which ``rule`` is due at ``moment`` (not yet acted on), annotated with
    ``retention_counted``: the moment the term counts from."""
    cutoff = months_before(moment, rule.months)
    qs = (
        rule_model(rule)
        .objects.annotate(retention_counted=_counted_expression(rule))
        .filter(retention_counted__lte=cutoff)
    )
    if rule.action == Action.ARCHIVE:
        return qs.filter(archived_at__isnull=True)
    if rule.category == Category.WEEGPLOEG_NIET_AGENDEREN:
        return qs.filter(NIET_AGENDEREN)
    if rule.category == Category.WEEGPLOEG:
        return qs.exclude(NIET_AGENDEREN)
    return qs


def due_values(qs: QuerySet) -> QuerySet:
    """The due rows as dicts: ``DUE_VALUES`` and ``counted``, the moment the term counts from."""
    return qs.values(*DUE_VALUES, counted=F("retention_counted"))


def counted_from(row: dict) -> datetime.date:
    return timezone.localtime(row["counted"]).date()


def due_chunks(qs: QuerySet, rule: RetentionRule, size: int) -> Iterator[list[dict]]:
    """Due rows in pk order, ``size`` at a time (keyset pagination: constant memory per chunk)."""
    last = 0
    while True:
        rows = list(due_values(qs.filter(pk__gt=last).order_by("pk"))[:size])
        if not rows:
            return
        yield rows
        last = rows[-1]["pk"]


def due_rows(rule: RetentionRule, moment: datetime.datetime, numbers: Iterable[str]) -> dict[str, dict]:
    """Of these file numbers, those due under ``rule`` at ``moment``: number → due row."""
    due = rule_due(rule, moment).filter(number__in=list(numbers))
    return {row["number"]: row for row in due_values(due)}


def _concerned(kind: str, numbers: list[str]) -> dict[str, list[str]]:
    """The numbers whose holds apply to each file: its own, plus for a casusoverleg file the
    weegploeg file it was copied from (a rights request names the weegploeg number)."""
    concerned = {n: [n] for n in numbers}
    if kind == FileKind.CASUSOVERLEG:
        for number, source in CasusoverlegFile.objects.filter(number__in=numbers).values_list(
            "number", "source_weegploeg_number"
        ):
            concerned[number].append(source)
    return concerned


def held_files(kind: str, numbers: list[str]) -> dict[str, list[Hold]]:
    """Of these files, those held (art. 13.1): number → the holds that concern it."""
    concerned = _concerned(kind, numbers)
    found = holds_for(n for ns in concerned.values() for n in ns)
    result = {}
    for number, ns in concerned.items():
        holds = [h for n in ns for h in found.get(n, [])]
        if holds:
            result[number] = holds
    return result
