"""Tests: fast password hashing, in-memory mail, demo data allowed."""

import os
import tempfile

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEMO_DATA_ALLOWED = True
# A fixed, public key: test rows prove nothing outside the test run. Checkpoints go to a temporary
# directory per test process (tests of the access log point each test at its own file).
ACCESS_LOG_HMAC_KEY = "test-only-access-log-hmac-key-not-secret-0000"
ACCESS_LOG_CHECKPOINT_PATH = os.path.join(
    tempfile.gettempdir(), f"casus-test-toegangslog-{os.getpid()}", "controlepunten.jsonl"
)
DESTRUCTION_LEDGER_PATH = os.path.join(  # issue 15.5: destructions are recorded outside the database
    tempfile.gettempdir(), f"casus-test-vernietigingen-{os.getpid()}", "verklaringen.jsonl"
)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# No shared page cache between tests (the database is rolled back, a cache would not be);
# tests of the page cache switch to a local-memory cache themselves.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# The SQLite test database is a file (tests/conftest.py, var/test-db/): no disk flushes and the
# rollback journal in memory, so it costs what the in-memory database did; a crash only loses a
# throw-away copy of the migrated template (tests/dbtemplate.py). Django's backend, with the
# serialized rollback of transactional tests in bulk (tests/sqlitebackend/base.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "tests.sqlitebackend"  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (  # noqa: F405
        "PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY"
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Django's backend with a flush that deletes rather than truncates: ~1 s less per transactional
    # test; the serialized rollback in bulk (tests/pgbackend/base.py).
    DATABASES["default"]["ENGINE"] = "tests.pgbackend"  # noqa: F405
    # A runaway statement fails its test instead of holding up the run: in CI one query planned on
    # statistics of empty tables ran for over nine minutes (tests/planner.py). No statement of the
    # suite needs more than seconds; the concurrency tests' lock waits are bounded by their own
    # events (at most 300 s), so the limit lies above those.
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c statement_timeout=330s".strip()
