"""Local development: SQLite by default, debug on, demo data allowed."""

from config.settings.base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
DEMO_DATA_ALLOWED = True
ACCESS_LOG_HMAC_KEY = "dev-only-access-log-hmac-key-not-secret-0000"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
