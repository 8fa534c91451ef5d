"""An already migrated database for every benchmark (issue 18.5): the test suite's template, copied.

    from bench.common import bench_database

    bench_database("pdf")  # first thing, before any model is imported

A cold ``migrate`` costs ~20 s on SQLite here and 39-116 s on PostgreSQL: most of a benchmark's wall
time, before this module. ``bench_database`` points ``DATABASE_URL`` at a database of this run's own,
sets Django up and fills that database with a copy of the migrated, empty template that
``tests/dbtemplate.py`` keeps for the test suite: the same fingerprint (every migration, the project
modules they import, the settings, the vendor), the same file or database, the same lock. So a
benchmark after a test run, or after an earlier benchmark, does not migrate at all; after a change
to a migration the first of them migrates once. It prints the setup time on one line of its own,
apart from the figures the benchmark prints after it.

* SQLite (no ``DATABASE_URL``, or a ``sqlite://`` one: its path is not used): the template is
  ``var/test-db/template-<fingerprint>.sqlite3``; the run's database is a file copy in a temporary
  directory, removed at exit.
* PostgreSQL (``DATABASE_URL=postgres://user:password@host:port/NAME``): the template is the
  database ``test_NAME_tpl_<fingerprint>`` (the one ``pytest`` with the same ``DATABASE_URL``
  uses); the run's database is ``NAME_bench_<benchmark>``, made with ``CREATE DATABASE ... TEMPLATE``
  and dropped at exit. The database ``NAME`` itself is never touched. One run per benchmark and
  ``NAME`` at a time (a second one stops with a message).

The template is migrated under ``config.settings.test`` (as the tests' is); a benchmark runs under
the test settings unless ``DJANGO_SETTINGS_MODULE`` says otherwise.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_HELD: list = []  # the lock of this run's PostgreSQL database, held until exit


def bench_database(name: str) -> float:
    """Set Django up on a fresh copy of the migrated template; print and return the setup time (s)."""
    started = time.perf_counter()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("LOG_LEVEL", "ERROR")  # no JSON line per request (or WeasyPrint warning) among the figures
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        target = f"{parts.path.lstrip('/')}_bench_{name}"
        os.environ["DATABASE_URL"] = parts._replace(path=f"/{target}").geturl()
    elif not url or url.startswith("sqlite:"):
        directory = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        target = str(directory / "bench.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{target}"
    else:
        sys.exit("DATABASE_URL: alleen SQLite of PostgreSQL (postgres://gebruiker:wachtwoord@host:poort/naam).")

    import django

    django.setup()
    from django.db import connections

    connections.close_all()  # nothing may hold the run's database open while it is replaced
    ready = time.perf_counter()
    vendor = connections["default"].vendor
    template, built = _sqlite_copy(Path(target)) if vendor == "sqlite" else _postgres_copy(target)
    done = time.perf_counter()
    how = f"built now by migrate in {built:.1f} s" if built is not None else "reused (no migrate)"
    print(
        f"setup: Django {ready - started:.1f} s; template {template} {how}; "
        f"fingerprint and copy {done - ready - (built or 0):.1f} s; total {done - started:.1f} s ({vendor})",
        flush=True,
    )
    return done - started


def _sqlite_copy(target: Path) -> tuple[str, float | None]:
    """As ``tests.dbtemplate._sqlite_prepare``: build the template if missing, copy it under the lock."""
    from tests import dbtemplate

    template = dbtemplate.DIRECTORY / f"template-{dbtemplate.fingerprint('sqlite')}.sqlite3"
    built = None
    with dbtemplate._locked("template"):
        started, missing = time.perf_counter(), not template.exists()
        template = dbtemplate._sqlite_template(rebuild=False)
        if missing:
            built = time.perf_counter() - started
        target.unlink(missing_ok=True)
        shutil.copyfile(template, target)  # under the lock: a test run may be replacing the template
    return str(template.relative_to(ROOT) if ROOT in template.parents else template), built


def _postgres_copy(target: str) -> tuple[str, float | None]:
    """As ``tests.dbtemplate._postgres_prepare``: build ``test_NAME_tpl_<fingerprint>`` if missing,
    then ``CREATE DATABASE <target> TEMPLATE`` it; the target is dropped at exit."""
    import psycopg
    from django.conf import settings
    from django.db import connections
    from psycopg import sql

    from tests import dbtemplate

    base = target.rsplit("_bench_", 1)[0]
    test_name = f"test_{base}"
    template = f"{test_name}_tpl_{dbtemplate.fingerprint('postgresql')}"
    database = settings.DATABASES["default"]
    connect = {
        "dbname": "postgres",
        "user": database["USER"],
        "password": database["PASSWORD"],
        "host": database["HOST"] or None,
        "port": database["PORT"] or None,
        "autocommit": True,
    }
    dbtemplate.DIRECTORY.mkdir(parents=True, exist_ok=True)
    run_lock = (dbtemplate.DIRECTORY / f"bench-{target}.lock").open("a")
    try:
        fcntl.flock(run_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit(f"Er loopt al een benchmark op de database {target}; wacht tot die klaar is.")
    _HELD.append(run_lock)

    built = None
    with dbtemplate._postgres_admin(connections["default"], template) as admin:
        started, missing = time.perf_counter(), not dbtemplate._postgres_exists(admin, template)
        dbtemplate._postgres_template(connections["default"], admin, template, rebuild=False)
        if missing:
            built = time.perf_counter() - started
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target)))
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(target), sql.Identifier(template))
        )

    def drop() -> None:
        connections.close_all()
        with psycopg.connect(**connect) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target)))

    atexit.register(drop)
    return template, built
