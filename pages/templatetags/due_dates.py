"""``{{ some_date|termijn_datum }}``: a due date as a date and as "nog 3 dagen" (shared by every work list).

``{% load due_dates %}``. The text says whether it is late (never colour alone); past dates read
"3 dagen te laat". Dates are compared with today in the site's time zone.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

register = template.Library()


def days_left_text(due: datetime.date, today: datetime.date | None = None) -> str:
    """'vandaag', 'nog 1 dag', 'nog 3 dagen', '1 dag te laat', '3 dagen te laat'."""
    days = (due - (today or timezone.localdate())).days
    if days == 0:
        return "vandaag"
    if days > 0:
        return f"nog {days} dag" if days == 1 else f"nog {days} dagen"
    late = -days
    return f"{late} dag te laat" if late == 1 else f"{late} dagen te laat"


@register.filter
def termijn_datum(value) -> str:
    """``<time datetime="2026-12-01">1-12-2026</time> (nog 3 dagen)``; '—' without a date."""
    if not value:
        return "—"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    text = days_left_text(value)
    shown = date_format(value, "j-n-Y")
    if text.endswith("te laat"):
        return format_html('<time datetime="{}">{}</time> (<strong>{}</strong>)', value.isoformat(), shown, text)
    return format_html('<time datetime="{}">{}</time> ({})', value.isoformat(), shown, text)
