"""SQLite for the test run (``config/settings/test.py``): Django's own backend, except that the
serialized rollback of a transactional test restores the snapshot in bulk, and every connection object
of the process sees that snapshot (``tests/dbrestore.py``)."""

from __future__ import annotations

from django.db.backends.sqlite3 import base, creation

from tests.dbrestore import BulkRestoreCreationMixin, SnapshotPerAliasMixin


class DatabaseCreation(BulkRestoreCreationMixin, creation.DatabaseCreation):
    pass


class DatabaseWrapper(SnapshotPerAliasMixin, base.DatabaseWrapper):
    creation_class = DatabaseCreation
