"""Settings shared by every environment. Environment values come from ``config.env``."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env

DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first, so their templates override those of the libraries.
    "core",
    "access",
    "accounts",
    "parties",
    "pages",
    "flows",
    "forms",
    "weegploeg",
    "casusoverleg",
    "rights",
    "accesslog",
    "authorisations",
    "secrecy",
    "incidents",
    "retention",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.CasusUsersAppConfig",  # replaces "wagtail.users" (custom user forms)
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    # Workflow
    "viewflow",
    "viewflow.workflow",
    # Security
    "rules",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "authorisations.middleware.ScopedCSPMiddleware",  # django-csp, plus per-path additions (issue 4)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.middleware.RejectNullCharactersMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "authorisations.middleware.SessionCutoffMiddleware",  # revoked role / deactivated: sessions end
    "accounts.middleware.OTPGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "viewflow.middleware.SiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # axes wants to be last
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project templates win over viewflow's own 403/404/500 and registration templates.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out username/address pairs before any password check.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PartyAwareModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAILADMIN_LOGIN_URL = "login"
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- Sessions (issue 2: idle 30 minutes, absolute 12 hours) -----------------------------------
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)
SESSION_COOKIE_AGE = int(SESSION_IDLE_TIMEOUT.total_seconds())
SESSION_SAVE_EVERY_REQUEST = True  # every request pushes the server-side idle expiry forward
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "casus_sessionid"

# --- Two-factor authentication -----------------------------------------------------------------
OTP_TOTP_ISSUER = "Casusoverleg Limburg"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_BACKUP_CODE_COUNT = 10

# The single allowlist of the 2FA gate (accounts.middleware.OTPGateMiddleware). Everything
# not named here needs a password *and* a verified one-time code. Add to it with care: a test
# enumerates every URL pattern and proves each one is either listed here or gated.
OTP_GATE_PUBLIC_URL_NAMES = [
    "wagtail_serve",  # published pages (Wagtail page serving, incl. routable sub-pages)
    "health",
    "login",
    "logout",
]
OTP_GATE_PUBLIC_PATH_PREFIXES = [
    "/static/",
    "/api/v2/",  # Wagtail API v2: read-only, published pages only
]
# The password-only steps: a user who passed the password but not yet the code may only see these.
OTP_GATE_HALF_LOGGED_IN_URL_NAMES = ["otp_verify", "otp_enrol"]
# Only roles with Wagtail admin access reach anything under this prefix; others get a 403.
OTP_GATE_ADMIN_PREFIX = "/admin/"

# --- Brute force protection (django-axes) ------------------------------------------------------
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Lock the pair (username, address): a stranger who guesses names from elsewhere cannot lock
# out the real user, who logs in from their own address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and media --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail -----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Casusoverleg radicalisering en extremisme Limburg"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # documents go through a gated view, never direct

# --- Viewflow ----------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

# --- Public site and API (issue 3) -------------------------------------------------------------
# The signed text the import reads by default (``manage.py import_convenant``).
CONVENANT_TEXT_PATH = BASE_DIR / "pages" / "data" / "convenant-limburg-2019.txt"
# Wagtail API v2 is read-only and serves live, public pages only. API v3 (writes with bearer
# tokens, outside the 2FA gate) is deliberately not mounted.
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# Approval by a publicatie-goedkeurder publishes; approvers need no publish permission of their own.
WAGTAIL_FINISH_WORKFLOW_ACTION = "pages.workflows.publish_approved_revision"
WAGTAILAPI_LIMIT_MAX = 50
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# --- Security headers, access log (issue 4) ----------------------------------------------------
# Content-Security-Policy (django-csp 4): strict everywhere — only our own files, no inline
# script, no inline style, no framing, no plugins. Tested in tests/security/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "frame-src": ["'none'"],
    }
}
# Per path prefix, changes to the strict policy (authorisations.middleware.ScopedCSPMiddleware):
# - /admin/: the Wagtail 8 admin sets inline styles (style attributes, <style> in templates and from
#   its JavaScript) and shows the page preview in a same-origin iframe, so it may frame itself
#   (frame-src/frame-ancestors 'self'; X-Frame-Options stays DENY except on Wagtail's own preview
#   views, which ask for SAMEORIGIN). It still runs no inline script and loads nothing foreign:
#   the few inline ``initDateChooser(...)`` calls of Wagtail's list filters are blocked, so those
#   date filters fall back to a plain text field (type the date as YYYY-MM-DD).
# - /werk/processen/: viewflow's templates carry a few style="" attributes; scripts stay strict.
CSP_PATH_OVERRIDES = {
    "/admin/": {
        "update": {"style-src": ["'unsafe-inline'"]},
        "replace": {"frame-src": ["'self'"], "frame-ancestors": ["'self'"]},
    },
    "/werk/processen/": {"update": {"style-src-attr": ["'unsafe-inline'"]}},
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Access log review (art. 15.2e): office hours in Europe/Amsterdam [from, until) and the number of
# rows by one user within one clock hour above which the review screen flags a burst.
ACCESS_LOG_OFFICE_HOURS = (7, 19)
ACCESS_LOG_BURST_THRESHOLD = 50

# --- Demo --------------------------------------------------------------------------------------
# Only dev and test set this; ``load_demo`` refuses to run without it.
DEMO_DATA_ALLOWED = False

# --- Data-subject rights (issue 7) ----------------------------------------------------------------
# Art. 11.3-5: how often a deferred information duty is judged again (months).
RIGHTS_INFORMATION_RECHECK_MONTHS = 3
