"""The one place where the environment is read (django-environ).

Every setting that depends on the environment is read here, once, typed. Settings modules
import ``env`` and never touch ``os.environ`` themselves.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    WAGTAILADMIN_BASE_URL=(str, "http://127.0.0.1:8000"),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "staticfiles")),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DEFAULT_FROM_EMAIL=(str, "casusoverleg@example.invalid"),
    EVALUATION_SUPPRESS_BELOW=(int, 5),
    MEETING_QUORUM_KERNPARTIJEN=(int, 2),
    # Art. 10.3: months between two checks of a casusoverleg file (as art. 8.3's weegploeg check).
    CASUSOVERLEG_ACCURACY_REVIEW_MONTHS=(int, 6),
    # Art. 8.3: months between two checks of a weegploeg file; art. 9.4: the default interval of a
    # casusoverleg file's progress review; days between approving a destruction list and destroying.
    WEEGPLOEG_ACCURACY_REVIEW_MONTHS=(int, 6),
    CASUSOVERLEG_REVIEW_INTERVAL_MONTHS=(int, 3),
    RETENTION_COOLING_OFF_DAYS=(int, 5),
    # Access log (issue 13 item 10): earlier HMAC keys, comma-separated, kept to verify old rows;
    # the checkpoint file belongs outside the database's directory (ideally on another host's mount).
    ACCESS_LOG_HMAC_OLD_KEYS=(list, []),
    ACCESS_LOG_CHECKPOINT_PATH=(str, str(BASE_DIR / "var" / "toegangslog-controlepunten.jsonl")),
    BACKUP_DIR=(str, str(BASE_DIR / "var" / "backups")),
    BACKUP_KEEP_DAYS=(int, 35),
    DESTRUCTION_LEDGER_PATH=(str, str(BASE_DIR / "var" / "verklaringen-van-vernietiging.jsonl")),
    # Production server (issue 15): proxies in front of gunicorn, logging, gunicorn itself.
    TRUSTED_PROXY_HOPS=(int, 1),
    LOG_LEVEL=(str, "INFO"),
    GUNICORN_BIND=(str, "127.0.0.1:8000"),
    GUNICORN_WORKERS=(int, 3),
    GUNICORN_TIMEOUT=(int, 60),
    CACHE_DIR=(str, str(BASE_DIR / "var" / "cache")),
    # Passkeys (issue 17 item 9): the relying party is the site's domain (no scheme, no port) and the
    # exact origins the browser reports; plain http only for localhost. Empty: derived from
    # ALLOWED_HOSTS in config/settings/base.py (its first domain name, https).
    WEBAUTHN_RP_ID=(str, ""),
    WEBAUTHN_ALLOWED_ORIGINS=(list, []),
    # "none" or "all"; and/or the codes (slugs) of parties whose users must log in with a passkey.
    PASSKEYS_REQUIRED=(str, "none"),
    PASSKEYS_REQUIRED_PARTIES=(list, []),
)
