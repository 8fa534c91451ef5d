"""Shared fixtures. Every test package uses the factories in ``tests.factories`` and the
login helpers in ``tests.helpers``."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.helpers import HOST


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _migration_data_for_transactional_tests(request):
    """Transactional tests start from an emptied database: put the migrations' data back first."""
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


def _schema_migrating_last(items) -> None:
    """pytest-django runs plain database tests first and transactional ones after; of those, the
    schema-migrating ones go last."""

    def migrating(item) -> bool:
        marker = item.get_closest_marker("django_db")
        transactional = bool(marker and marker.kwargs.get("transaction"))
        return transactional and item.nodeid.startswith(SCHEMA_MIGRATING_MODULES)

    items.sort(key=migrating)


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` (real row locks, concurrency) run only against PostgreSQL.

    On SQLite they are deselected, and the run says so; ``.ci/run`` runs the suite on both.
    """
    from django.db import connection

    _schema_migrating_last(items)
    if connection.vendor == "postgresql":
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgres") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
        print(
            f"\n{len(deselected)} PostgreSQL-only test(s) deselected on {connection.vendor}; "
            ".ci/run runs them on PostgreSQL."
        )


def pytest_itemcollected(item):
    """Every transactional test uses a serialized rollback: its flush then does not re-run the
    post-migrate handlers, so no content type or role group comes back with a new id and clashes
    with the next transactional test's snapshot (PostgreSQL showed it, in test order)."""
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
        raise pytest.UsageError(f"{item.nodeid}: transaction=True needs serialized_rollback=True")
