"""Local development: SQLite by default, debug on, demo data allowed."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
DEMO_DATA_ALLOWED = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
