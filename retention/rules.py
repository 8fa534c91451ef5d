"""The retention rules of art. 13, as one declarative table.

Every rule names its article, the category of file it applies to, what happens (archive or
destroy), the term in months and the date the term counts from. ``apply_retention`` reads only
this table; changing a term is a change here (and in the README).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime

from django.conf import settings
from django.db import models

from core.months import add_months
from retention.models import Category


class Action(models.TextChoices):
    ARCHIVE = "archiveren", "Archiveren"
    DESTROY = "vernietigen", "Vernietigen"


class CountedFrom(models.TextChoices):
    LAST_PROCESSED = "laatste_verwerking", "de laatste verwerking"
    DECISION = "besluit", "het besluit niet te agenderen"


@dataclasses.dataclass(frozen=True)
class RetentionRule:
    code: str
    article: str
    category: str
    action: str
    months: int
    counted_from: str
    needs_approval: bool
    description: str

    @property
    def label(self) -> str:
        return f"{Action(self.action).label} {self.months} maanden na {CountedFrom(self.counted_from).label}"


RULES: tuple[RetentionRule, ...] = (
    RetentionRule(
        code="weegploeg_niet_agenderen_vernietigen",
        article="art. 13.3",
        category=Category.WEEGPLOEG_NIET_AGENDEREN,
        action=Action.DESTROY,
        months=6,
        counted_from=CountedFrom.DECISION,
        needs_approval=False,
        description=(
            "Gegevens van een subject dat de weegploeg niet agendeert, worden niet langer bewaard dan nodig "
            "en uiterlijk zes maanden na het besluit vernietigd (automatisch)."
        ),
    ),
    RetentionRule(
        code="weegploeg_archiveren",
        article="art. 13.2",
        category=Category.WEEGPLOEG,
        action=Action.ARCHIVE,
        months=12,
        counted_from=CountedFrom.LAST_PROCESSED,
        needs_approval=False,
        description="Uiterlijk een jaar na de laatste verwerking gearchiveerd: alleen-lezen, alleen voor kernpartijen.",
    ),
    RetentionRule(
        code="weegploeg_vernietigen",
        article="art. 13.1",
        category=Category.WEEGPLOEG,
        action=Action.DESTROY,
        months=60,
        counted_from=CountedFrom.LAST_PROCESSED,
        needs_approval=True,
        description="Vijf jaar na de laatste verwerking vernietigd, na goedkeuring van een vernietigingslijst.",
    ),
    RetentionRule(
        code="casusoverleg_archiveren",
        article="art. 13.2",
        category=Category.CASUSOVERLEG,
        action=Action.ARCHIVE,
        months=12,
        counted_from=CountedFrom.LAST_PROCESSED,
        needs_approval=False,
        description="Uiterlijk een jaar na de laatste verwerking gearchiveerd: alleen-lezen, alleen voor kernpartijen.",
    ),
    RetentionRule(
        code="casusoverleg_vernietigen",
        article="art. 13.1",
        category=Category.CASUSOVERLEG,
        action=Action.DESTROY,
        months=60,
        counted_from=CountedFrom.LAST_PROCESSED,
        needs_approval=True,
        description="Vijf jaar na de laatste verwerking vernietigd, na goedkeuring van een vernietigingslijst.",
    ),
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}


def rule_for(category: str, action: str) -> RetentionRule:
    return next(r for r in RULES if r.category == category and r.action == action)


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """``moment`` minus ``months`` calendar months (31 August - 6 → 28/29 February)."""
    index = moment.month - 1 - months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def months_after(day: datetime.date, months: int) -> datetime.date:
    return add_months(day, months)


def cooling_off_days() -> int:
    """Days between approval of a destruction list and destruction (``RETENTION_COOLING_OFF_DAYS``)."""
    return settings.RETENTION_COOLING_OFF_DAYS
