"""WSGI entry point. Production sets DJANGO_SETTINGS_MODULE=config.settings.production."""

import os

from django.core.wsgi import get_wsgi_application

from config.startup import collector_paused

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
# Each gunicorn worker starts Django without collecting and freezes what it built: its requests'
# full collections no longer walk the start-up's objects (config/startup.py).
with collector_paused():
    application = get_wsgi_application()
