"""PostgreSQL for the test run (``config/settings/test.py``): Django's own backend, except that a
flush deletes the rows instead of truncating the tables (issue 18.5).

A transactional test (live server, row locks) ends with Django's flush. On PostgreSQL that is one
``TRUNCATE`` of every table (~140 here), which gives each table, index and TOAST table a new file
and removes the old ones: 0.9-1.2 s per test, measured, against 0.02-0.03 s for ``DELETE`` of the
few rows a test leaves behind (SQLite's flush deletes as well). The deletes run in the flush's
transaction with every constraint deferred: all foreign keys here are ``DEFERRABLE INITIALLY
DEFERRED`` (Django creates them so), so their order does not matter; a key that is not would make
the flush fail loudly, never leave rows behind. Flushes that must reset sequences or cascade to
other tables stay Django's ``TRUNCATE``.

The serialized rollback that follows restores the snapshot in bulk, and every connection object of the
process sees that snapshot (``tests/dbrestore.py``).
"""

from __future__ import annotations

from django.db.backends.postgresql import base, creation, operations

from tests.dbrestore import BulkRestoreCreationMixin, SnapshotPerAliasMixin


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        delete_from = f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')}"
        return [
            style.SQL_KEYWORD("SET CONSTRAINTS ALL DEFERRED"),
            *(f"{delete_from} {style.SQL_FIELD(self.quote_name(table))}" for table in tables),
        ]


class DatabaseCreation(BulkRestoreCreationMixin, creation.DatabaseCreation):
    pass


class DatabaseWrapper(SnapshotPerAliasMixin, base.DatabaseWrapper):
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
