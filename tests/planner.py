"""What PostgreSQL's planner needs after a test loads thousands of rows at once.

A bulk load is followed in production by autovacuum's ANALYZE within a minute; in a test the rows
live in one transaction that no autovacuum sees. The statistics the planner then has are from
whenever autovacuum last looked, and in a test run that is often just after a transactional test's
flush emptied the table (``tests/pgbackend`` deletes rather than truncates): 0 rows. The planner
trusts that (0 rows per page, whatever the table's size now), estimates one row everywhere and
nests sequential scans: in CI the case list's party filter over 2,000 cases ran for more than nine
minutes instead of milliseconds (reproduced by setting those statistics by hand). ANALYZE inside
the test's transaction counts the transaction's own rows and is rolled back with it.
"""

from __future__ import annotations

from django.db import connection


def planner_statistics_refresh(*models) -> None:
    """ANALYZE the tables of ``models`` (and of the models they inherit from: a multi-table child's
    rows are in its parent's table too) on PostgreSQL, as autovacuum would after a bulk load."""
    if connection.vendor != "postgresql":
        return  # SQLite plans these queries from its indexes, without statistics
    every = [m for model in models for m in (model, *model._meta.get_parent_list())]
    tables = dict.fromkeys(connection.ops.quote_name(m._meta.db_table) for m in every)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")
