"""A migrated template of the test database, built once per state of the migrations and copied for
each test run and each xdist worker (issue 18.5).

Why: a cold ``migrate`` costs ~20 s on SQLite here (39-116 s on PostgreSQL). A profile of
``manage.py migrate`` on a fresh SQLite file puts ~80 % of it in Django rebuilding its in-memory
model state (``ProjectState.render``/``reload_model``: 20,000 model classes rendered) for 254
migrations, 213 of them Wagtail's, Django's, viewflow's and other libraries'; SQL takes ~2 %, the
commits (fsync) ~3 %, the post-migrate handlers ~2 % and our 9 data migrations under 1 %.
Squashing ours would gain little; not migrating does. So the schema is migrated once into a
template (a file ``var/test-db/template-<fingerprint>.sqlite3``, or a PostgreSQL database
``<test name>_tpl_<fingerprint>``) and each run copies it (a file copy, or
``CREATE DATABASE ... TEMPLATE``); Django then runs ``migrate`` with ``keepdb`` (nothing to apply:
only the post-migrate handlers, so role groups and permissions stay current) and serializes.

The fingerprint covers every migration file (ours and the libraries'), the project modules they
import (data migrations call services), the settings and the database vendor; a change rebuilds the
template. ``--create-db`` rebuilds it too; ``rm -r var/test-db`` forgets everything.
"""

from __future__ import annotations

import ast
import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIRECTORY = ROOT / "var" / "test-db"


@contextlib.contextmanager
def _locked(name: str, *, wait: bool = True) -> Iterator[bool]:
    """An exclusive lock on ``var/test-db/<name>.lock`` (processes of other test runs included)."""
    DIRECTORY.mkdir(parents=True, exist_ok=True)
    with (DIRECTORY / f"{name}.lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_HELD: list = []
# The template this run copied: a Path (SQLite) or a database name (PostgreSQL); tests that need a
# migrated scratch database of their own copy it too (tests/operations/test_backup_restore.py).
TEMPLATE: dict[str, object] = {}


def sqlite_name_claim(worker: str) -> str:
    """A file name for this process's SQLite test database that no other running test process uses
    (two ``make test`` at once in one tree must not share a file). The lock is held until exit."""
    DIRECTORY.mkdir(parents=True, exist_ok=True)
    for n in range(1, 100):
        stem = f"test-{worker}" if n == 1 else f"test-{worker}-{n}"
        handle = (DIRECTORY / f"{stem}.lock").open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        _HELD.append(handle)
        return str(DIRECTORY / f"{stem}.sqlite3")
    raise RuntimeError("geen vrije naam voor de testdatabase in var/test-db/")


def _module_file(name: str) -> Path | None:
    parts = name.split(".")
    for candidate in (ROOT.joinpath(*parts).with_suffix(".py"), ROOT.joinpath(*parts, "__init__.py")):
        if candidate.is_file():
            return candidate
    return None


def _project_imports(path: Path) -> set[Path]:
    """Project modules ``path`` imports (at any depth of the file, not transitively)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            if name.split(".")[0] in ("tests", "bench"):
                continue
            file = _module_file(name)
            if file is not None:
                found.add(file)
    return found


def fingerprint(vendor: str) -> str:
    """Changes whenever a migration, a project module a migration imports (transitively), the
    settings or the database vendor changes."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    files = {Path(sys.modules[m.__module__].__file__) for m in loader.disk_migrations.values()}
    files |= {ROOT / "config" / "settings" / "base.py", ROOT / "config" / "settings" / "test.py"}
    todo = [f for f in files if ROOT in f.parents and ".venv" not in f.parts]
    while todo:
        for found in _project_imports(todo.pop()) - files:
            files.add(found)
            todo.append(found)
    digest = hashlib.sha256(vendor.encode())
    for file in sorted(files):
        digest.update(str(file.relative_to(ROOT) if ROOT in file.parents else file.name).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def _migrate(database_url: str) -> None:
    """``migrate`` in a child process (a clean registry and connection), test settings."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="config.settings.test")
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--run-syncdb", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"migrate van de testsjabloon mislukt:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}")


def _sqlite_template(rebuild: bool) -> Path:
    """The migrated SQLite template, built when missing or asked for (the caller holds the lock)."""
    template = DIRECTORY / f"template-{fingerprint('sqlite')}.sqlite3"
    if rebuild or not template.exists():
        building = template.with_suffix(f".{os.getpid()}.tmp")
        building.unlink(missing_ok=True)
        _migrate(f"sqlite:///{building}")
        for old in DIRECTORY.glob("template-*.sqlite3"):
            old.unlink()
        building.rename(template)
    return template


def _sqlite_prepare(connection, rebuild: bool, reuse: bool) -> None:
    target = Path(connection.creation._get_test_db_name())
    if reuse and target.exists():
        return
    with _locked("template"):
        template = _sqlite_template(rebuild)
        for leftover in (target, Path(f"{target}-journal"), Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(template, target)  # under the lock: another run may be replacing the template
    TEMPLATE["sqlite"] = template


@contextlib.contextmanager
def _postgres_admin(connection, template: str) -> Iterator:
    """The template's lock and a connection to the ``postgres`` database (creates and drops databases)."""
    import psycopg

    settings = connection.settings_dict
    connect = {
        "dbname": "postgres",
        "user": settings["USER"],
        "password": settings["PASSWORD"],
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "autocommit": True,
    }
    with _locked(f"postgres-{template.rsplit('_tpl_', 1)[0]}"), psycopg.connect(**connect) as admin:
        yield admin


def _postgres_exists(admin, name: str) -> bool:
    return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _postgres_template(connection, admin, template: str, rebuild: bool) -> None:
    """Build the template database when missing or asked for (the caller holds the lock)."""
    from psycopg import sql

    if not rebuild and _postgres_exists(admin, template):
        return
    settings = connection.settings_dict
    building = f"{template}_bouw"
    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(building)))
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(building)))
    user, password = settings["USER"], settings["PASSWORD"]
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    _migrate(f"postgres://{user}:{password}@{host}:{port}/{building}")
    prefix = template.rsplit("_tpl_", 1)[0] + "_tpl_"
    for (old,) in admin.execute(
        "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s",
        [prefix, building],
    ).fetchall():
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(old)))
    admin.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(building), sql.Identifier(template)))


def _postgres_template_name(connection) -> str:
    target = connection.creation._get_test_db_name()
    return f"{target.rsplit('_gw', 1)[0]}_tpl_{fingerprint('postgresql')}"


def _postgres_prepare(connection, rebuild: bool, reuse: bool) -> None:
    from psycopg import sql

    target = connection.creation._get_test_db_name()
    template = _postgres_template_name(connection)
    TEMPLATE["postgresql"] = template
    with _postgres_admin(connection, template) as admin:
        if reuse and _postgres_exists(admin, target):
            return
        _postgres_template(connection, admin, template, rebuild)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target)))
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(target), sql.Identifier(template))
        )


def test_database_prepare(*, rebuild: bool, reuse: bool) -> bool:
    """Put a migrated copy of the template where Django's test database goes. False when the
    backend has no template support here (Django then creates and migrates as usual)."""
    from django.db import connections

    connection = connections["default"]
    if connection.vendor == "sqlite" and not connection.creation.is_in_memory_db(
        connection.creation._get_test_db_name()
    ):
        _sqlite_prepare(connection, rebuild, reuse)
        return True
    if connection.vendor == "postgresql":
        _postgres_prepare(connection, rebuild, reuse)
        return True
    return False


def template_build() -> str:
    """Build the template of the configured database when it is missing, and nothing else.

    ``python -m tests.dbtemplate``: ``.ci/run`` starts it beside its lint steps, which use one core,
    so the test run finds the template built (a fresh clone has none: ~20 s of ``migrate``). A test
    run that starts earlier waits for it on the same lock.
    """
    from django.db import connections

    connection = connections["default"]
    if connection.vendor == "postgresql":
        template = _postgres_template_name(connection)
        with _postgres_admin(connection, template) as admin:
            _postgres_template(connection, admin, template, rebuild=False)
        return template
    with _locked("template"):
        return str(_sqlite_template(rebuild=False).relative_to(ROOT))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    print(f"testsjabloon gereed: {template_build()}")
