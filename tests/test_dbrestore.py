"""Issue 18.5: the test backends' bulk restore of the serialized snapshot (``tests/dbrestore.py``)
puts back exactly the rows Django's own restore puts back."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.backends.base.creation import BaseDatabaseCreation

from tests.dbrestore import BulkRestoreCreationMixin, _all_empty, _db_tables, _parsed

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _rows() -> dict[str, list[str]]:
    """Every table's rows, sorted; the ids of many-to-many rows left out (each restore numbers them anew)."""
    rows = {}
    through_tables = {m.remote_field.through._meta.db_table for t in _parsed_tables() for m in t.links}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            kept = [c for c in columns if not (table in through_tables and c == "id")]
            quoted = ", ".join(connection.ops.quote_name(c) for c in kept)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


def _parsed_tables():
    return _parsed(connection._test_serialized_contents, connection.alias)


def _flush() -> None:
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)


def test_issue_18_5_bulk_restore_gives_the_rows_djangos_restore_gives():
    assert isinstance(connection.creation, BulkRestoreCreationMixin)
    snapshot = connection._test_serialized_contents
    _flush()
    assert _all_empty(connection, _db_tables(_parsed_tables())), "after a flush the bulk path is taken"
    connection.creation.deserialize_db_from_string(snapshot)
    bulk = _rows()
    _flush()
    BaseDatabaseCreation.deserialize_db_from_string(connection.creation, snapshot)
    django = _rows()

    assert bulk == django
    assert bulk["auth_group_permissions"], "the snapshot's many-to-many rows are restored too"
    assert bulk["parties_party"]
    assert bulk["wagtailcore_page"]
