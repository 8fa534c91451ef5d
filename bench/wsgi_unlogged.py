"""WSGI application for bench/compare.py only: the site with the access log's *allowed* rows
switched off, to measure what logging costs a work screen (issue 18, item 4).

The switch exists only here. It refuses to start unless ``DJANGO_SETTINGS_MODULE`` is
``bench.settings_unlogged`` (the production settings under another name): under
``config.settings.production`` or any deployed configuration it raises and gunicorn does not boot.
Refusals (denied rows) are still written; the benchmark's user is allowed, so it sees none.
"""

import os

from django.core.exceptions import ImproperlyConfigured

if os.environ.get("DJANGO_SETTINGS_MODULE") != "bench.settings_unlogged":
    raise ImproperlyConfigured(
        "bench/wsgi_unlogged.py schakelt de toegangslog uit en draait alleen onder "
        "DJANGO_SETTINGS_MODULE=bench.settings_unlogged (bench/compare.py), nooit onder de productie-instellingen."
    )

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

import access.screens  # noqa: E402

_logged_write = access.screens._write


def _write_refusals_only(request, screen, row, *, allowed):
    if not allowed:
        _logged_write(request, screen, row, allowed=allowed)


access.screens._write = _write_refusals_only
