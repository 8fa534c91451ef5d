"""Due dates are shown as a date and as "nog N dagen" (issue 9 point 4), used in the weegploeg inbox."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from pages.templatetags.due_dates import days_left_text, termijn_datum
from tests.clock import freeze_time

TODAY = datetime.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("days", "text"),
    [(0, "vandaag"), (1, "nog 1 dag"), (3, "nog 3 dagen"), (-1, "1 dag te laat"), (-4, "4 dagen te laat")],
)
def test_art_7_days_left_in_dutch(days, text):
    assert days_left_text(TODAY + datetime.timedelta(days=days), today=TODAY) == text


@freeze_time("2026-03-10 12:00")
def test_art_7_filter_shows_date_and_days_and_marks_late_in_text_not_colour():
    assert (
        str(termijn_datum(datetime.date(2026, 3, 13))) == '<time datetime="2026-03-13">13-3-2026</time> (nog 3 dagen)'
    )
    late = str(termijn_datum(datetime.date(2026, 3, 8)))
    assert late == '<time datetime="2026-03-08">8-3-2026</time> (<strong>2 dagen te laat</strong>)'
    assert termijn_datum(None) == "—"
    aware = timezone.make_aware(datetime.datetime(2026, 3, 11, 9, 0))  # noqa: DTZ001 - made aware here
    assert "nog 1 dag" in str(termijn_datum(aware))
    rendered = Template("{% load due_dates %}{{ d|termijn_datum }}").render(Context({"d": datetime.date(2026, 3, 10)}))
    assert rendered.endswith("(vandaag)")
