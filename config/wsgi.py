"""WSGI entry point. Production sets DJANGO_SETTINGS_MODULE=config.settings.production."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

# Load the URL configuration (and with it every view module) while the worker boots, not on its
# first request: otherwise that request pays ~0.1 s of imports (issue 18: PDF p95 also on a
# worker's first request).
_url_patterns = get_resolver().url_patterns
