"""Month arithmetic shared by the file apps (review dates, retention terms)."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months, clamped to the month's end (31 August + 6 → 28/29 February)."""
    return day + relativedelta(months=months)
