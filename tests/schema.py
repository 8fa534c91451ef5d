"""Moving the test database's schema back for the tests of data migrations (issue 18.5).

Asked to unapply a few migrations, Django's executor first replays the state of every migration of
every app in plan order, and from the first migration it will unapply on it re-renders the models
after each step: 10-13 s here to unapply 7-9 migrations, most of a data-migration test's time.
Unapplying one migration needs only the project state *before* it: the applied migrations that
stay, plus those still to be unapplied after it. So the state with none of the migrations to
unapply is built by the loader and rendered once; each migration to unapply, oldest first, is then
replayed on a copy of the state before it (``Migration.mutate_state``, which re-renders only the
models it touches) to give the state before the next one — not every model rendered again per
migration (the three data-migration tests: 17 s -> 15 s). The schema operations and the bookkeeping
are Django's own (``MigrationExecutor.unapply_migration``); going forward uses the executor
unchanged.
"""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

Node = tuple[str, str]


def schema_migrate_back(targets: list[Node]) -> None:
    """Unapply every migration after ``targets`` (and what depends on them), newest first."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(targets)
    assert all(backwards for _migration, backwards in plan), f"{targets} ligt niet achter de huidige stand"
    pending = [(migration.app_label, migration.name) for migration, _backwards in plan]
    graph_nodes = executor.loader.graph.nodes
    staying = {node for node in executor.loader.applied_migrations if node in graph_nodes} - set(pending)
    state = executor.loader.project_state(sorted(staying), at_end=True)
    state.apps  # noqa: B018 - the one full render
    states_before = []
    for migration, _backwards in reversed(plan):  # oldest first: a valid forward order
        states_before.append(state)
        state = migration.mutate_state(state, preserve=True)
    # Unapplying changes the state it is given; each state is used once, newest migration first.
    for (migration, _backwards), before in zip(plan, reversed(states_before), strict=True):
        executor.unapply_migration(before, migration)


def schema_migrate_latest() -> None:
    """Apply every migration not applied yet (the executor's own forward plan)."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
