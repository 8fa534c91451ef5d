"""Settings shared by every environment. Environment values come from ``config.env``."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env
from config.request_logging import logging_config

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
    "outbox",
    "operations",
    "evaluation",
    "processing",
    "persons",
    "meetings",
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
    "django_otp_webauthn",  # passkeys as second factor (issue 17 item 9)
    "axes",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "sequences",  # numbering of files and incidents (core.numbering)
]

MIDDLEWARE = [
    "config.request_logging.RequestLogMiddleware",  # first: request id and one JSON line per request
    "django.middleware.security.SecurityMiddleware",
    "authorisations.middleware.ScopedCSPMiddleware",  # django-csp, plus per-path additions (issue 4)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pages.page_cache.PublicPageCacheMiddleware",  # anonymous public pages from the shared cache (issue 18)
    "django.contrib.sessions.middleware.SessionMiddleware",
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
                "accounts.context_processors.staff_shell",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off for long analytic queries, not for ours. A sorted work list
    # whose per-row subquery the planner overestimates crosses ``jit_above_cost`` and spent 34 ms
    # compiling for 18 ms of work (issue 18, 10,000 cases). Added to any options the URL sets.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Transactions take SQLite's write lock when they begin. A transaction that reads first and writes
    # later cannot wait for a concurrent writer (SQLite refuses at once, "database is locked", to avoid
    # a deadlock): a Wagtail page submitted for approval failed so while the browser released the
    # editing session beside it. Begun IMMEDIATE, the writer waits its turn (the busy timeout).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out username/address pairs before any password check.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PartyAwareModelBackend",
    # Object-level rules (``access_rules`` of each app); the work screens test them through
    # ``access.screens.access_allowed``, which has no superuser shortcut.
    "rules.permissions.ObjectPermissionBackend",
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
# Issue 18: a session is written only when it changed; the idle clock (accounts.sessions) is
# moved at most once a minute, so an active user's session is written about once a minute and
# the server-side expiry (last write + SESSION_COOKIE_AGE) always lies beyond the idle limit.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_INTERVAL = timedelta(minutes=1)
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
    "gezondheid",  # /gezondheid/: database and migrations, no personal data (issue 15)
    "account_activate",  # one-time enrolment link (manage.py create_beheerder), token-protected
    "login",
    "logout",
    "processing_public",  # /verwerkingsregister/: the public summary of the register (art. 30 AVG)
]
OTP_GATE_PUBLIC_PATH_PREFIXES = [
    "/static/",
    "/api/v2/",  # Wagtail API v2: read-only, published pages only
]
# The password-only steps: a user who passed the password but not yet the code may only see these
# (the passkey ceremony of the code step included; registering a passkey needs a verified session).
OTP_GATE_HALF_LOGGED_IN_URL_NAMES = [
    "otp_verify",
    "otp_enrol",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
]
# Verified with the app code while passkeys are required and none is linked yet (accounts.passkeys):
# only these, to link one.
OTP_GATE_PASSKEY_ENROL_URL_NAMES = [
    "passkey_enrol",
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
    "otp_webauthn:js-i18n-catalog",
    "logout",
]
# Only roles with Wagtail admin access reach anything under this prefix; others get a 403.
OTP_GATE_ADMIN_PREFIX = "/admin/"

# --- Passkeys (django-otp-webauthn; issue 17 item 9) ---------------------------------------------
# A passkey is a second factor after the password, beside the app code; never a login on its own.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# The relying party is the site's domain: WEBAUTHN_RP_ID, else the first domain name (not an IP
# address) in ALLOWED_HOSTS; development: localhost (WebAuthn accepts plain http only there).
OTP_WEBAUTHN_RP_ID = env("WEBAUTHN_RP_ID") or next(
    (h.lstrip(".") for h in ALLOWED_HOSTS if h != "*" and not h.replace(".", "").isdigit()), "localhost"
)
OTP_WEBAUTHN_RP_NAME = "Casusoverleg Limburg"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env("WEBAUTHN_ALLOWED_ORIGINS") or [
    "http://localhost:8000" if OTP_WEBAUTHN_RP_ID == "localhost" else f"https://{OTP_WEBAUTHN_RP_ID}"
]
# Who must log in with a passkey (the app code alone no longer completes the login): "none" or
# "all", plus the codes (slugs) of parties that require it for their users (accounts.passkeys).
PASSKEYS_REQUIRED = env("PASSKEYS_REQUIRED")
PASSKEYS_REQUIRED_PARTIES = env("PASSKEYS_REQUIRED_PARTIES")
if PASSKEYS_REQUIRED not in ("none", "all"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("PASSKEYS_REQUIRED is 'none' of 'all'; partijen via PASSKEYS_REQUIRED_PARTIES.")

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
# Per address across usernames: no lockout (shared outgoing addresses of gemeenten and police) but
# a growing delay (accounts/throttle.py), counted from axes' per-failure rows.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
LOGIN_ADDRESS_FREE_FAILURES = 10
LOGIN_ADDRESS_MAX_DELAY_SECONDS = 300
LOGIN_ADDRESS_WINDOW = timedelta(minutes=15)  # failures counted within this window
# The real client address behind exactly TRUSTED_PROXY_HOPS proxies (core.http, issue 15).
AXES_CLIENT_IP_CALLABLE = "core.http.client_address"

# --- Internationalisation ----------------------------------------------------------------------
# Dutch only: every request runs in LANGUAGE_CODE (no LocaleMiddleware: there is no other language to
# negotiate; the Wagtail admin follows WAGTAILADMIN_PERMITTED_LANGUAGES itself). No LOCALE_PATHS: our
# strings are Dutch in the source, and no library string a user sees lacks Dutch (django-otp's and
# viewflow's untranslated forms and views are not used; task titles are our own Dutch annotations).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and media --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Django's two finders, the app directories without viewflow's unused assets (config/staticfinders.py).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "config.staticfinders.ProjectAppDirectoriesFinder",
]
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
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar from gravatar.com: a third party (and img-src 'self' blocks it)
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # documents go through a gated view, never direct

# --- Viewflow ----------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

# --- Operations (issue 15) -----------------------------------------------------------------------
# Proxies in front of the application whose X-Forwarded-For entry is trusted (core.http):
# none in development and tests; production reads it from the environment (default 1: nginx).
TRUSTED_PROXY_HOPS = 0
# JSON lines on stdout: request id, user id, party id, path without query, status, duration.
LOGGING = logging_config(env("LOG_LEVEL"))

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

# --- Cache (issue 18) ----------------------------------------------------------------------------
# One directory shared by every gunicorn worker: the anonymous public pages and the API answers
# (pages.page_cache). Needs no table and no extra setup step; the directory is created on first use.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env("CACHE_DIR"),
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
PUBLIC_PAGE_CACHE_TIMEOUT = 24 * 60 * 60  # invalidated on every publication anyway
PUBLIC_PAGE_PROXY_MAX_AGE = 60  # s-maxage: how long a reverse proxy may serve a page without asking

# --- Security headers, access log (issue 4) ----------------------------------------------------
# Content-Security-Policy (django-csp 4) and its per-path changes: config/settings/csp.py.
from config.settings.csp import CONTENT_SECURITY_POLICY, CSP_PATH_OVERRIDES  # noqa: E402, F401

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Access log review (art. 15.2e): office hours in Europe/Amsterdam [from, until) and the number of
# rows by one user within one clock hour above which the review screen flags a burst.
ACCESS_LOG_OFFICE_HOURS = (7, 19)
ACCESS_LOG_BURST_THRESHOLD = 50
# Access-log integrity (issue 13 item 10, issue 18 item 2; README "Toegangslog: integriteit").
# Every row is signed with this HMAC key at insert; it is never stored in the database. No value
# here: dev and test set a fixed non-secret key, production reads ACCESS_LOG_HMAC_KEY (required).
ACCESS_LOG_HMAC_KEY = ""
ACCESS_LOG_HMAC_OLD_KEYS = env("ACCESS_LOG_HMAC_OLD_KEYS")  # still verify rows signed before a rotation
ACCESS_LOG_CHECKPOINT_PATH = env("ACCESS_LOG_CHECKPOINT_PATH")  # append-only JSON lines, outside the DB
ACCESS_LOG_SEAL_INTERVAL = 10  # seconds between ``seal_access_log`` runs (the deploy's systemd timer)
ACCESS_LOG_CHECKPOINT_INTERVAL = 60  # at most one checkpoint per this many seconds (when the chain grew)
ACCESS_LOG_UNSEALED_WINDOW = 120  # verify_access_log reports unsealed rows older than this (seconds)

# --- Back-up and restore (issue 15.5; README "Back-up en herstel") --------------------------------
# Backups hold personal data: they are kept BACKUP_KEEP_DAYS days (art. 13), then ``backup`` removes
# them. Each executed destruction is appended to DESTRUCTION_LEDGER_PATH (outside the database and
# outside the backups), so ``restore`` carries out again what was destroyed after the backup.
BACKUP_DIR = env("BACKUP_DIR")
BACKUP_KEEP_DAYS = env("BACKUP_KEEP_DAYS")
DESTRUCTION_LEDGER_PATH = env("DESTRUCTION_LEDGER_PATH")

# --- Demo --------------------------------------------------------------------------------------
# Only dev and test set this; ``load_demo`` refuses to run without it.
DEMO_DATA_ALLOWED = False

# --- Data-subject rights (issue 7) ----------------------------------------------------------------
# Art. 11.3-5: how often a deferred information duty is judged again (months).
RIGHTS_INFORMATION_RECHECK_MONTHS = 3

# Art. 18.4: counts below this are published as "< 5" (small-number suppression).
EVALUATION_SUPPRESS_BELOW = env("EVALUATION_SUPPRESS_BELOW")

# --- Meetings (issue 14 item 5, issue 13 item 8) ---------------------------------------------------
# Art. 7.4, 9.4: a meeting decision needs at least this many kernpartijen present (never fewer than 2).
MEETING_QUORUM_KERNPARTIJEN = env("MEETING_QUORUM_KERNPARTIJEN")

# --- Casusoverleg (issue 17 item 1) ----------------------------------------------------------------
# Art. 10.3: months between two periodic checks of a casusoverleg file (``flows.casus_review``).
CASUSOVERLEG_ACCURACY_REVIEW_MONTHS = env("CASUSOVERLEG_ACCURACY_REVIEW_MONTHS")
# Art. 9.4: the default months between progress reviews of a new casusoverleg file.
CASUSOVERLEG_REVIEW_INTERVAL_MONTHS = env("CASUSOVERLEG_REVIEW_INTERVAL_MONTHS")

# --- Weegploeg -------------------------------------------------------------------------------------
# Art. 8.3: months between two accuracy checks of a weegploeg file.
WEEGPLOEG_ACCURACY_REVIEW_MONTHS = env("WEEGPLOEG_ACCURACY_REVIEW_MONTHS")
# Working days per task (weegploeg.selectors.DEFAULT_DUE_DAYS), overridden per task name here.
WEEGPLOEG_TASK_DUE_DAYS: dict[str, int] = {}

# --- Retention -------------------------------------------------------------------------------------
# Days between approval of a destruction list and the destruction itself.
RETENTION_COOLING_OFF_DAYS = env("RETENTION_COOLING_OFF_DAYS")
