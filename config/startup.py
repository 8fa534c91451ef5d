"""Django's start-up without the cyclic garbage collector (issue 18).

Starting Django imports ~2,500 modules and builds some 300,000 objects that live as long as the
process. Collecting while they are built finds next to nothing, and every later full collection
walks them all again: measured here, ``manage.py check`` spent 0.33 s of its 2.3 s of CPU in the
collector (three full collections), a cold ``migrate`` 8.7 s of 29 s. So the collector pauses while
Django starts, and what the start-up built is then frozen (``gc.freeze``: moved to a generation
the collector never scans) before the collector resumes; cycles made after that are collected as
always: ``manage.py check`` then spends 0.01 s in the collector (and runs 10 % fewer instructions:
6.49 -> 5.82 billion, counted by callgrind), a cold ``migrate`` 5.1 s. Python's documentation of
``gc.freeze`` gives this recipe (disable early, freeze, enable) for processes that fork.

Used by ``manage.py`` (every command, the periodic jobs included) and ``config/wsgi.py`` (each
gunicorn worker).
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Iterator

import django


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No collection inside the block; afterwards what the block built is frozen and the collector
    runs again (also when the block raises)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def collector_paused_until_setup() -> None:
    """Pause the collector now and resume it when ``django.setup()`` has run.

    ``manage.py`` hands the command line to Django, which reads ``--settings`` and calls
    ``django.setup()`` itself (for ``runserver`` under its autoreloader, which keeps watching files
    when the set-up fails); so the call Django makes is wrapped, once, instead of set up earlier.
    """
    setup = django.setup

    @functools.wraps(setup)
    def setup_then_resume(*args, **kwargs):
        django.setup = setup
        with collector_paused():
            return setup(*args, **kwargs)

    gc.disable()
    django.setup = setup_then_resume
