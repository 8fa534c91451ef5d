"""Production: every secret from the environment, no defaults, HTTPS only."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")  # no default: a missing key stops the process
ACCESS_LOG_HMAC_KEY = env.str("ACCESS_LOG_HMAC_KEY")  # no default either (accesslog.checks: >= 32 chars)
DEMO_DATA_ALLOWED = False
TRUSTED_PROXY_HOPS = env("TRUSTED_PROXY_HOPS")  # 1: nginx (deploy/nginx/casusoverleg.conf)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "config.storage.ProjectManifestStaticFilesStorage"},
}
