"""Issue 16 item 1: the flows moved into ``flows/``; rewrite the references viewflow stored.

viewflow keeps a flow as ``app_label/module.Class`` in ``viewflow_process.flow_class`` and a node
as ``app_label/module.Class.node`` in ``viewflow_task.flow_task``. Three flows moved from their
domain app into ``flows/`` and the accuracy review left ``flows/weegploeg.py`` for a module of its
own; the references of existing processes and tasks (open and finished) are rewritten here.

By SQL only, never by loading and saving models: viewflow's reference fields turn a reference
they cannot import into ``None`` when a row is loaded, and saving would write that back. Only
rows that start with the old prefix change (``flow_class`` equal to it, ``flow_task`` equal to it
followed by ``.``), so running it twice, or on a database without such rows, changes nothing.
Plain SQL (``=``, ``SUBSTR``, ``||``) that SQLite and PostgreSQL both run. Reversible.

Unchanged: ``flows/weegploeg.WeegploegFlow`` and ``flows/casus_review.CasusAccuracyReviewFlow``;
the process proxy models stay in their apps (no ``django_content_type`` change); no other table
stores a flow or task reference.
"""

from django.db import migrations

# old reference → new reference (of the flow class; a task reference is the flow's plus ".node")
MOVED = {
    "casusoverleg/flows.CasusoverlegFlow": "flows/casusoverleg.CasusoverlegFlow",
    "rights/flows.RightsRequestFlow": "flows/rights.RightsRequestFlow",
    "incidents/flows.IncidentFlow": "flows/incidents.IncidentFlow",
    "flows/weegploeg.AccuracyReviewFlow": "flows/accuracy_review.AccuracyReviewFlow",
}


def _rewrite(schema_editor, mapping: dict[str, str]) -> None:
    connection = schema_editor.connection
    process = connection.ops.quote_name("viewflow_process")
    task = connection.ops.quote_name("viewflow_task")
    flow_class = connection.ops.quote_name("flow_class")
    flow_task = connection.ops.quote_name("flow_task")
    with connection.cursor() as cursor:
        for old, new in mapping.items():
            # Quoted constant names; every value is a parameter.
            sql = f"UPDATE {process} SET {flow_class} = %s WHERE {flow_class} = %s"  # noqa: S608
            cursor.execute(sql, [new, old])
            old_prefix, new_prefix = f"{old}.", f"{new}."
            sql = f"UPDATE {task} SET {flow_task} = %s || SUBSTR({flow_task}, %s) WHERE SUBSTR({flow_task}, 1, %s) = %s"  # noqa: S608
            cursor.execute(sql, [new_prefix, len(old_prefix) + 1, len(old_prefix), old_prefix])


def forwards(apps, schema_editor):
    _rewrite(schema_editor, MOVED)


def backwards(apps, schema_editor):
    _rewrite(schema_editor, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("flows", "0002_casus_accuracy_review"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
