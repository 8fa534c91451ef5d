"""Permission checks and reads for the retention screens (art. 13)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from retention.access_rules import may_consult_archive, may_manage_retention
from retention.due import rule_due
from retention.holds import Hold, holds_all
from retention.models import Category, DestructionList, DestructionRecord, ItemStatus, ListStatus
from retention.rules import RULES, Action
from weegploeg.models import WeegploegFile

if TYPE_CHECKING:
    from accounts.models import User

HORIZON_DAYS = 30
RECORDS_LIMIT = 50


def retention_may_manage(user: User) -> bool:
    """Art. 13.1, 13.4: the uitvoerder of a kernpartij manages retention: overview, lists, holds,
    reactivation. The predicate of the ``retention.manage_terms`` rule (no superuser shortcut)."""
    return may_manage_retention(user)


def archive_may_consult(user: User) -> bool:
    """Art. 13.2: only kernpartijen consult the archive (users with a casework role). The
    predicate of the ``retention.consult_archive`` rule."""
    return may_consult_archive(user)


@dataclasses.dataclass(frozen=True)
class CategoryRow:
    category: str
    label: str
    archive_due: int | None
    destroy_due: int
    destroy_rule: str


@dataclasses.dataclass(frozen=True)
class Overview:
    horizon: datetime.date
    categories: list[CategoryRow]
    holds: list[Hold]
    lists: list[DestructionList]
    records: list[DestructionRecord]
    records_total: int


def retention_overview(now: datetime.datetime | None = None) -> Overview:
    """Per category, the files due for archiving or destruction within 30 days; every hold; the
    open destruction lists; the latest destruction records. A constant number of queries."""
    now = now or timezone.now()
    moment = now + datetime.timedelta(days=HORIZON_DAYS)
    rows = []
    for category in Category:
        rules = {rule.action: rule for rule in RULES if rule.category == category}
        archive = rules.get(Action.ARCHIVE)
        destroy = rules[Action.DESTROY]
        rows.append(
            CategoryRow(
                category=category.value,
                label=category.label,
                archive_due=rule_due(archive, moment).count() if archive else None,
                destroy_due=rule_due(destroy, moment).count(),
                destroy_rule=f"{destroy.article}: {destroy.label}",
            )
        )
    lists = list(
        DestructionList.objects.filter(status__in=[ListStatus.CONCEPT, ListStatus.GOEDGEKEURD])
        .select_related("approved_by")
        .annotate(open_items=Count("items", filter=Q(items__status=ItemStatus.OPEN)))
        .order_by("pk")
    )
    records = DestructionRecord.objects.select_related("approved_by")
    return Overview(
        horizon=timezone.localtime(moment).date(),
        categories=rows,
        holds=holds_all(),
        lists=lists,
        records=list(records[:RECORDS_LIMIT]),
        records_total=records.count(),
    )


def destruction_lists() -> QuerySet[DestructionList]:
    return DestructionList.objects.select_related("approved_by", "cancelled_by")


# --- Archived files elsewhere (art. 13.2) ----------------------------------------------------------

ARCHIVED_READ_ONLY = (
    "Dit dossier is gearchiveerd (art. 13.2) en alleen nog te raadplegen: alleen inzage is mogelijk. "
    "Voor een correctie moet de verwerkingsverantwoordelijke het dossier eerst laten heractiveren (art. 13.4)."
)


def archived_weegploeg_numbers(numbers) -> set[str]:
    """Of these weegploeg file numbers, the archived ones: found for the inzage overview, read-only
    (a write would restart their term)."""
    return set(
        WeegploegFile.objects.filter(number__in=list(numbers), archived_at__isnull=False).values_list(
            "number", flat=True
        )
    )
