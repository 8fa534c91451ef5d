"""A clock that stands still, for the tests of terms, deadlines and sessions.

time-machine moves the C-level clock functions, so every module sees the frozen time at once;
freezegun, used before, scanned every loaded module's attributes on each start: ~3,400 modules here,
2.5-6.5 % of the test run's CPU (issue 18.5).
"""

from __future__ import annotations

import datetime

import time_machine

Moment = datetime.datetime | datetime.date | str


def freeze_time(moment: Moment) -> time_machine.travel:
    """The clock stands at ``moment`` and does not tick; a context manager or a decorator, whose
    ``move_to()`` sets it elsewhere. A moment without a time zone is UTC (as it was under freezegun);
    a date is its midnight UTC."""
    if isinstance(moment, str):
        moment = datetime.datetime.fromisoformat(moment)
    if isinstance(moment, datetime.datetime) and moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return time_machine.travel(moment, tick=False)
