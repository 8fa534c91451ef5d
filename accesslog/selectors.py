"""Reading the access log for the periodic review (art. 15.2e). Only the uitvoerder and the
privacy officer may read it; reading it is itself logged by the views."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncHour

from accesslog.models import AccessLogEntry, AccessLogReview

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")


def access_log_may_review(user) -> bool:
    return bool(user.is_authenticated and user.has_perm("accesslog.view_accesslogentry"))


def access_log_may_sign_off(user) -> bool:
    return bool(user.is_authenticated and user.has_perm("accesslog.add_accesslogreview"))


def office_hours() -> tuple[int, int]:
    """Office hours in Europe/Amsterdam as (first hour, first hour after), default 07:00–19:00."""
    return settings.ACCESS_LOG_OFFICE_HOURS


def burst_threshold() -> int:
    """More than this many rows by one user within one clock hour is flagged."""
    return settings.ACCESS_LOG_BURST_THRESHOLD


def _local_day_bounds(start: datetime.date | None, end: datetime.date | None) -> Q:
    q = Q()
    if start:
        q &= Q(created_at__gte=datetime.datetime.combine(start, datetime.time.min, tzinfo=LOCAL_TZ))
    if end:
        after = end + datetime.timedelta(days=1)
        q &= Q(created_at__lt=datetime.datetime.combine(after, datetime.time.min, tzinfo=LOCAL_TZ))
    return q


def access_log_filter(
    *,
    user_id: int | None = None,
    party_id: int | None = None,
    object_type: str = "",
    object_ref: str = "",
    action: str = "",
    allowed: bool | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> QuerySet[AccessLogEntry]:
    """The log rows matching the filters, newest first."""
    qs = AccessLogEntry.objects.filter(_local_day_bounds(start, end))
    if user_id:
        qs = qs.filter(user_id=user_id)
    if party_id:
        qs = qs.filter(party_id=party_id)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_ref:
        qs = qs.filter(object_ref=object_ref)
    if action:
        qs = qs.filter(action=action)
    if allowed is not None:
        qs = qs.filter(allowed=allowed)
    return qs.order_by("-id")


def _with_local_time(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        local_hour=ExtractHour("created_at", tzinfo=LOCAL_TZ),
        local_weekday=ExtractIsoWeekDay("created_at", tzinfo=LOCAL_TZ),
    )


def off_hours_q() -> Q:
    first, after = office_hours()
    return Q(local_hour__lt=first) | Q(local_hour__gte=after) | Q(local_weekday__gte=6)


def access_log_off_hours(qs: QuerySet) -> QuerySet[AccessLogEntry]:
    """Rows written before/after office hours or in the weekend (Europe/Amsterdam)."""
    return _with_local_time(qs).filter(off_hours_q())


@dataclass(frozen=True)
class Burst:
    user_id: int | None
    hour: datetime.datetime
    count: int


def access_log_bursts(qs: QuerySet) -> list[Burst]:
    """Users with more than ``burst_threshold()`` rows in one clock hour."""
    rows = (
        qs.order_by()
        .annotate(hour=TruncHour("created_at", tzinfo=LOCAL_TZ))
        .values("user_id", "hour")
        .annotate(n=Count("id"))
        .filter(n__gt=burst_threshold())
        .order_by("-n")[:100]
    )
    return [Burst(r["user_id"], r["hour"], r["n"]) for r in rows]


@dataclass(frozen=True)
class Flags:
    entries: int
    denied: int
    off_hours: int
    bursts: list[Burst]

    def as_figures(self) -> dict[str, int]:
        return {"entries": self.entries, "denied": self.denied, "off_hours": self.off_hours, "bursts": len(self.bursts)}


def access_log_flags(qs: QuerySet) -> Flags:
    """The patterns the reviewer must look at, for the rows in ``qs``: a fixed number of queries."""
    base = qs.order_by()
    totals = _with_local_time(base).aggregate(
        entries=Count("id"),
        denied=Count("id", filter=Q(allowed=False)),
        off_hours=Count("id", filter=off_hours_q()),
    )
    return Flags(totals["entries"], totals["denied"], totals["off_hours"], access_log_bursts(base))


def access_log_reviews() -> QuerySet[AccessLogReview]:
    return AccessLogReview.objects.select_related("reviewer").order_by("-signed_off_at")
