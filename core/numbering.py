"""Pseudonymous numbers of files, requests and incidents (``W-2026-0001``), on django-sequences.

One sequence per prefix and year (named ``"W-2026"``). ``get_next_value`` takes a row lock (or an
upsert on PostgreSQL), so concurrent callers never get the same number; call it inside the
transaction that stores the number so a rolled-back registration does not leave a gap.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.utils import timezone
from sequences import get_last_value, get_next_value


def number_next(prefix: str, *, year: int, seed: Callable[[], int] | None = None) -> str:
    """The next number ``<prefix>-<year>-<nnnn>``.

    ``seed`` returns the last number handed out before this sequence existed (numbers given by
    earlier code); it is asked only while the sequence has no row yet, so numbering continues.
    """
    name = f"{prefix}-{year}"
    initial = 1
    if seed is not None and get_last_value(name) is None:
        initial = seed() + 1
    return f"{name}-{get_next_value(name, initial_value=initial):04d}"


def _legacy_file_counter(prefix: str, year: int) -> int:
    # Numbers before django-sequences came from weegploeg's locked counter table; continue after it.
    counter = apps.get_model("weegploeg", "FileNumberCounter")
    return counter.objects.filter(prefix=prefix, year=year).values_list("last", flat=True).first() or 0


def file_number_next(prefix: str) -> str:
    """The next file number of this year, e.g. ``W-2026-0001`` (weegploeg W, casusoverleg C, rights R)."""
    year = timezone.localdate().year
    return number_next(prefix, year=year, seed=lambda: _legacy_file_counter(prefix, year))
