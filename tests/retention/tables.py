"""Every row of every table, to prove what a destruction function removed and that it touched
nothing else (art. 13): ids in, those rows gone from every table, every other row as it was."""

from __future__ import annotations

from collections import Counter

from django.apps import apps
from django.db import connection

Rows = dict[str, dict[object, tuple]]


def every_row() -> Rows:
    """``"app_label.Model"`` → {pk: the row's values}, for every table Django manages (the
    through tables of many-to-many fields included)."""
    snapshot: Rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        snapshot[model._meta.label] = {
            row[0]: row
            for row in model._base_manager.order_by().values_list(
                "pk", *[f.attname for f in model._meta.concrete_fields]
            )
        }
    return snapshot


def removed_rows(before: Rows, after: Rows) -> Counter:
    """The number of rows that went, per table; asserts that no row was added or changed and that
    no row left points to a row that went (the foreign keys are checked now, not at commit)."""
    connection.check_constraints()
    gone: Counter = Counter()
    for label, rows in before.items():
        now = after[label]
        assert set(now) <= set(rows), f"{label}: rows added"
        changed = [pk for pk, values in now.items() if rows[pk] != values]
        assert not changed, f"{label}: rows changed {changed}"
        if len(rows) > len(now):
            gone[label] = len(rows) - len(now)
    return gone


def traces(needles: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, needle) for every column of every table whose text contains a needle.

    One query per table: for each column and needle, whether any row's text contains it (was one
    query per column and needle, thousands per call)."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            pairs = [
                (column.name, needle)
                for column in connection.introspection.get_table_description(cursor, table)
                for needle in needles
            ]
            if not pairs:
                continue
            tests = ", ".join(
                f"MAX(CASE WHEN CAST({quote(column)} AS TEXT) LIKE %s THEN 1 ELSE 0 END)" for column, _ in pairs
            )
            cursor.execute(f"SELECT {tests} FROM {quote(table)}", [f"%{needle}%" for _, needle in pairs])  # noqa: S608
            row = cursor.fetchone()
            found += [(table, column, needle) for (column, needle), hit in zip(pairs, row, strict=True) if hit]
    return found
