"""Serialized rollback in bulk: the test backends' (``tests.sqlitebackend``, ``tests.pgbackend``)
restore of the migrations' data at the start of every transactional test (issue 18.5).

A transactional test (live server, row locks) ends with a flush; the next one starts with Django's
``deserialize_db_from_string``, which parses the JSON snapshot again (~750 objects here) and saves
each object on its own — an ``UPDATE`` that finds nothing, then an ``INSERT``, its signals, its
many-to-many rows one call at a time: ~0.2 s per test on SQLite, more on PostgreSQL, most of a
browser journey's set-up. The snapshot never changes within a run, so it is parsed once per process,
and when every table it fills is empty (after a flush: every test but a worker's first) the rows go
back with one raw ``INSERT`` per table and batch, the many-to-many rows too, in one transaction with
the constraint checks off and then checked, as Django's does. The rows are the snapshot's, column
for column (a raw insert stores the values as read: no ``pre_save``). No signals are sent: Django
sends them with ``raw=True``; the user safety net and Wagtail's search index ignore those, and the
one receiver that acts on them (a party saved: ``pages.publication``) empties the page cache, which
every test empties anyway, and finds no live convenant to store a PDF of in the migrations' data.
``tests/test_dbrestore.py`` proves the rows equal Django's restore. Any table not empty (a worker's
first transactional test, which finds the migrated template's rows) takes Django's own path.

The snapshot belongs to the database, not to one connection object (``SnapshotPerAliasMixin``).
Django keeps it as an attribute of the connection that made it; once Playwright's synchronous API
runs an event loop on the test thread (the first browser journey), Django hands that thread a new
connection object per context (``connections`` is an ``asgiref`` local), which has no snapshot: every
transactional test after it then got no restore at all, and its flush re-ran every post-migrate
handler instead (content types, permissions, role groups, ~0.3 s), the rest of the migrations' data
left to ``tests.helpers.migration_data_restore``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import StringIO
from typing import ClassVar

from django.core import serializers
from django.db import models
from django.db.transaction import atomic


@dataclass
class _Table:
    model: type[models.Model]
    rows: list[models.Model] = field(default_factory=list)
    links: dict[models.ManyToManyField, list[tuple[object, object]]] = field(default_factory=dict)


_PARSED: dict[str, list[_Table]] = {}


def _parsed(data: str, alias: str) -> list[_Table]:
    """The snapshot's objects grouped by model, in the snapshot's order (parsed once per process)."""
    if data not in _PARSED:
        _PARSED.clear()  # one snapshot per database alias in this project: keep only the latest
        tables: dict[type[models.Model], _Table] = {}
        for obj in serializers.deserialize("json", StringIO(data), using=alias):
            model = type(obj.object)
            table = tables.setdefault(model, _Table(model))
            table.rows.append(obj.object)
            for accessor, targets in (obj.m2m_data or {}).items():
                m2m = model._meta.get_field(accessor)
                table.links.setdefault(m2m, []).extend((obj.object.pk, target) for target in targets)
        _PARSED[data] = list(tables.values())
    return _PARSED[data]


def _db_tables(tables: list[_Table]) -> set[str]:
    names = {table.model._meta.db_table for table in tables}
    names.update(m2m.remote_field.through._meta.db_table for table in tables for m2m in table.links)
    return names


def _all_empty(connection, names: set[str]) -> bool:
    with connection.cursor() as cursor:
        for name in sorted(names):
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")  # noqa: S608 - our table names
            if cursor.fetchone():
                return False
    return True


def _insert(connection, model: type[models.Model], objs: list[models.Model]) -> None:
    """What ``Model.save_base(raw=True)`` inserts for each object, one statement per batch."""
    fields = [f for f in model._meta.local_concrete_fields if not f.generated]
    size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
    manager = model._base_manager.using(connection.alias)
    for start in range(0, len(objs), size):
        manager._insert(objs[start : start + size], fields=fields, raw=True, using=connection.alias)


def _link(connection, m2m: models.ManyToManyField, pairs: list[tuple[object, object]]) -> None:
    through = m2m.remote_field.through
    source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    rows = [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs]
    through._base_manager.using(connection.alias).bulk_create(rows)


class BulkRestoreCreationMixin:
    """For a backend's ``DatabaseCreation``: the bulk path when the tables are empty, else Django's."""

    def deserialize_db_from_string(self, data: str) -> None:
        connection = self.connection
        tables = _parsed(data, connection.alias)
        names = _db_tables(tables)
        with atomic(using=connection.alias):
            if not _all_empty(connection, names):
                super().deserialize_db_from_string(data)
                return
            with connection.constraint_checks_disabled():
                for table in tables:
                    _insert(connection, table.model, table.rows)
                    for m2m, pairs in table.links.items():
                        _link(connection, m2m, pairs)
            connection.check_constraints(table_names=sorted(names))


class SnapshotPerAliasMixin:
    """For a backend's ``DatabaseWrapper``: every connection object of this process to the same
    database sees the snapshot Django serialized after setting the test database up."""

    _snapshots: ClassVar[dict[str, str]] = {}

    @property
    def _test_serialized_contents(self) -> str:
        try:
            return self._snapshots[self.alias]
        except KeyError:
            raise AttributeError("_test_serialized_contents") from None  # Django asks with hasattr()

    @_test_serialized_contents.setter
    def _test_serialized_contents(self, value: str) -> None:
        self._snapshots[self.alias] = value
