"""Shared fixtures. Every test package uses the factories in ``tests.factories`` and the
login helpers in ``tests.helpers``."""

import gc
import json
import os

import pytest
from django.core.cache import cache
from django.test import Client

from tests.helpers import HOST


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """SQLite's test database is a file in ``var/test-db/`` (one per xdist worker), not memory:
    ``--reuse-db`` can keep it and the migrated template can be copied into it.

    The test settings name the backend ``tests.sqlitebackend``, which pytest-django does not know as
    SQLite: it has just given it a test name of its own (``test_<NAME>_gw0``), replaced here as it
    would have been left empty for Django's SQLite backend. No setting names SQLite's test database."""
    from django.conf import settings

    from tests.dbtemplate import sqlite_name_claim

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "tests.sqlitebackend":
        database.setdefault("TEST", {})["NAME"] = sqlite_name_claim(os.environ.get("PYTEST_XDIST_WORKER", "main"))


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's setup, but from a copy of the migrated template (``tests/dbtemplate.py``)
    instead of a cold ``migrate`` per run and per worker; ``--create-db`` rebuilds the template."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from tests.dbtemplate import test_database_prepare

    keepdb = django_db_keepdb and not django_db_createdb
    if not django_db_use_migrations:
        from pytest_django.fixtures import _disable_migrations

        _disable_migrations()
    with django_db_blocker.unblock():
        if django_db_use_migrations and test_database_prepare(rebuild=django_db_createdb, reuse=keepdb):
            keepdb_for_setup = True  # the copy exists: Django only runs the (empty) migrate and serializes
        else:
            keepdb_for_setup = keepdb
        aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
        db_cfg = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            keepdb=keepdb_for_setup,
        )
    yield
    if not keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _migration_data_for_transactional_tests(request):
    """Transactional tests start from an emptied database that Django's serialized rollback filled
    again (``tests/dbrestore.py``); make sure of the rows every test relies on (idempotent, ~0.05 s)."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        from tests.helpers import migration_data_restore

        request.getfixturevalue("transactional_db")
        migration_data_restore()


@pytest.fixture
def client() -> Client:
    """Django's test client, on an allowed host."""
    return Client(HTTP_HOST=HOST)


# Tests that migrate the schema backwards and forwards (they leave the serialized snapshot of the
# migrations' data unusable for the transactional tests after them): run last.
SCHEMA_MIGRATING_MODULES = (
    # The PostgreSQL-only writers of the access-log and intake concurrency tests too: run after the
    # browser journeys, whose serialized snapshot reload they disturbed in CI on PostgreSQL.
    "tests/access/test_concurrency.py",
    "tests/accesslog/test_sealing_postgres.py",
    "tests/accesslog/test_legacy_migration.py",
    "tests/casusoverleg/test_art_10_2c_party_not_melder.py",
)


# Long tests that use no test database (they run commands in child processes, against a scratch
# database of their own or none), the longest first: with pytest-xdist one worker runs them while
# the other works through the rest, instead of one worker finishing alone at the end.
DATABASE_FREE_SLOW_MODULES = (
    "tests/deploy/test_readme_commands.py",
    "tests/flows/test_upgrade_flow_references.py",
    "tests/config/test_startup.py",
)
# What the PostgreSQL run of .ci/run would only repeat, so the SQLite run alone has it.
SQLITE_RUN_ONLY_MARKERS = ("scratch_sqlite", "presentation")


def _sqlite_run_only(item) -> bool:
    """Tests marked ``scratch_sqlite`` (their commands run against a scratch SQLite database of
    their own whatever DATABASE_URL says: the deploy README, the upgrade of an old database, the
    production settings' refusals), and the browser walks marked ``presentation`` — they read pages
    and check layout at 320 px, axe-core and where links lead, the same HTML from either database
    (issue 18.5: ~60 s of the PostgreSQL run). The journeys that change data run on both."""
    return any(item.get_closest_marker(name) is not None for name in SQLITE_RUN_ONLY_MARKERS)


def _uses_database(item) -> bool:
    """Whether pytest-django counts the test as one that uses the test database (its own criteria)."""
    from django.test import TransactionTestCase

    test_class = getattr(item, "cls", None)
    if test_class and issubclass(test_class, TransactionTestCase):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(fixtures)
    )


# pytest-xdist (``--dist loadgroup``) hands a worker its next test while it still has two waiting:
# a worker holds at most three, the one it runs and two.
XDIST_WAITING = 2


def _run_order(items) -> None:
    """pytest-django runs plain database tests first, transactional ones after, and the tests without
    a database last. The schema-migrating ones go after every other database test, but among the
    tests without a database, each followed by as many short ones as a pytest-xdist worker holds:
    no worker then takes the next ~5 s schema-migrating test while it runs one and the other worker
    runs out of tests (before: ~5 s of one core idle at the end of every run). Slow tests without a
    test database go first, the longest first."""

    def place(item) -> tuple[int, int]:
        marker = item.get_closest_marker("django_db")
        transactional = bool(marker and marker.kwargs.get("transaction"))
        if transactional and item.nodeid.startswith(SCHEMA_MIGRATING_MODULES):
            return (2, 0)
        if not _uses_database(item):
            for rank, module in enumerate(DATABASE_FREE_SLOW_MODULES):
                if item.nodeid.startswith(module):
                    return (0, rank)
            return (3, 0)
        return (1, 0)

    places = {id(item): place(item) for item in items}
    items.sort(key=lambda item: places[id(item)])
    schema = [item for item in items if places[id(item)][0] == 2]
    free = [item for item in items if places[id(item)][0] == 3]
    spread = []
    for item in schema:
        spread += [item, *free[: XDIST_WAITING + 1]]
        free = free[XDIST_WAITING + 1 :]
    items[len(items) - len(spread) - len(free) :] = spread + free


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` (real row locks, concurrency) run only against PostgreSQL.

    On SQLite they are deselected, and the run says so; ``.ci/run`` runs the suite on both. Then the
    order (``_run_order``), of the tests that remain.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        once = [item for item in items if _sqlite_run_only(item)]
        why = (
            f"marked {' or '.join(f'`{name}`' for name in SQLITE_RUN_ONLY_MARKERS)} (the same outcome on any "
            "database); the SQLite run of .ci/run runs them"
        )
        _deselect(config, items, once, f"test(s) deselected on PostgreSQL: {why}.")
    else:
        only_postgres = [item for item in items if item.get_closest_marker("postgres")]
        _deselect(
            config,
            items,
            only_postgres,
            f"PostgreSQL-only test(s) deselected on {connection.vendor}; .ci/run runs them on PostgreSQL.",
        )
    _run_order(items)


def _deselect(config, items, deselected, why: str) -> None:
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        dropped = {id(item) for item in deselected}
        items[:] = [item for item in items if id(item) not in dropped]
        print(f"\n{len(deselected)} {why}")


def pytest_collection_finish(session):
    """Garbage collection (issue 18.5): once collected, Django, Wagtail and every test module stay loaded
    for the whole run; ``gc.freeze()`` leaves those objects out of every later collection, and a larger
    first threshold collects the young generation less often. Measured on three heavy files: the
    collector took 1.7 s of ~20 s of CPU (1,896 collections), then 0.4 s (19). No test depends on when
    cycles are collected; pytest still collects at the end of the run for its unraisable-exception check."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def pytest_itemcollected(item):
    """Every transactional test uses a serialized rollback: its flush then does not re-run the
    post-migrate handlers, so no content type or role group comes back with a new id and clashes
    with the next transactional test's snapshot (PostgreSQL showed it, in test order)."""
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
        raise pytest.UsageError(f"{item.nodeid}: transaction=True needs serialized_rollback=True")


# pytest-xdist (``make test``): the workers run the tests, the controller prints the summary. What
# the browser journeys report at the end (axe-core counts per page; why they were deselected) is
# collected in each worker and handed to the controller, which prints it as a single run would.
def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        from tests.browser.journey import AXE_REPORT

        workeroutput["axe_report"] = json.dumps(AXE_REPORT)
        workeroutput["browser_missing"] = getattr(session.config, "_browser_missing_message", None) or ""


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    from tests.browser.journey import AXE_REPORT

    output = getattr(node, "workeroutput", None) or {}
    AXE_REPORT.extend(json.loads(output.get("axe_report", "[]")))
    if output.get("browser_missing"):
        node.config._browser_missing_message = output["browser_missing"]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if getattr(config, "workerinput", None) is not None or not config.pluginmanager.hasplugin("dsession"):
        return  # a single process: tests/browser/conftest.py prints its own summary
    from tests.browser import conftest as browser_conftest

    if not config.pluginmanager.is_registered(browser_conftest):
        browser_conftest.pytest_terminal_summary(terminalreporter, exitstatus, config)
