"""Set-based deletion of a row set and everything that cascades from it (art. 13, issue 18).

``grouped_delete`` deletes the rows of a root model whose ``field`` is in a set of keys, and every
row that CASCADEs from them, one DELETE per table, children first, so that no delete has to look
for cascades row by row; it returns how many rows went per key and per table (for the verklaring
van vernietiging). The apps that own files use it in their destruction functions
(``weegploeg.destruction``, ``casusoverleg.destruction``, ``rights.destruction``...).
"""

from __future__ import annotations

import functools
import graphlib
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable

from django.db import models
from django.db.models import Count, signals
from django.db.models.deletion import get_candidate_relations_to_delete


def _cascading(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """Every relation that CASCADEs into ``model``: hidden ones too (``related_name="+"`` and the
    through tables of many-to-many fields), so their rows are deleted and counted with the rest."""
    return [rel for rel in get_candidate_relations_to_delete(model._meta) if rel.on_delete is models.CASCADE]


@functools.cache
def cascade_plan(root: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """``root`` and every model that CASCADEs from it, with the lookup path from that model to the
    root ("" for the root itself), in an order that deletes every row before the rows it points to."""
    paths: dict[type[models.Model], str] = {root: ""}
    depth = {root: 0}
    queue = [root]
    while queue:
        model = queue.pop(0)
        for rel in _cascading(model):
            if rel.related_model in paths:
                continue
            prefix = paths[model]
            paths[rel.related_model] = f"{rel.field.name}__{prefix}" if prefix else rel.field.name
            depth[rel.related_model] = depth[model] + 1
            queue.append(rel.related_model)
    graph: dict[type[models.Model], set[type[models.Model]]] = {m: set() for m in paths}
    for model in paths:
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            # ``model`` points to ``target``: delete ``model`` first. A link to a deeper model (a
            # viewflow subprocess's parent task) is left to Django's own cascade: no cycle.
            if target in paths and target is not model and depth[target] <= depth[model]:
                graph[target].add(model)
    return [(m, paths[m]) for m in graphlib.TopologicalSorter(graph).static_order()]


def _lookup(path: str, field: str) -> str:
    return f"{path}__{field}" if path else field


def _plain_delete(root: type[models.Model], model: type[models.Model]) -> bool:
    """Whether ``model``'s rows in ``root``'s plan can go with a plain ``DELETE ... WHERE``: every
    relation into it is a CASCADE the plan walked (so those rows are gone already) or DO_NOTHING,
    and nothing listens for its deletion (no signals, no parent table, no generic relation).
    Otherwise Django's collector deletes them (it also does SET_NULL and refuses on PROTECT)."""
    if signals.pre_delete.has_listeners(model) or signals.post_delete.has_listeners(model):
        return False
    return _walked(root, model)


@functools.cache
def _walked(root: type[models.Model], model: type[models.Model]) -> bool:
    """``_plain_delete`` without the signals (the model's relations do not change at run time)."""
    paths = dict(cascade_plan(root))
    opts = model._meta
    if opts.parents or any(hasattr(f, "bulk_related_objects") for f in opts.private_fields):
        return False
    for rel in get_candidate_relations_to_delete(opts):
        if rel.on_delete is models.DO_NOTHING:
            continue
        child_path = f"{rel.field.name}__{paths[model]}" if paths[model] else rel.field.name
        if rel.on_delete is not models.CASCADE or paths.get(rel.related_model) != child_path:
            return False
    return True


def grouped_delete(root: type[models.Model], field: str, keys: Iterable[Hashable]) -> dict[Hashable, Counter]:
    """Delete the ``root`` rows whose ``field`` is in ``keys`` and everything cascading from them, one
    DELETE per table, in the caller's transaction; return the rows removed per key and per table
    (``"app_label.Model"``)."""
    keys = list(set(keys))
    removed: dict[Hashable, Counter] = defaultdict(Counter)
    if not keys:
        return removed
    plan = cascade_plan(root)
    for model, path in plan:
        lookup = _lookup(path, field)
        rows = (
            model._base_manager.filter(**{f"{lookup}__in": keys})
            .order_by()
            .values_list(lookup)
            .annotate(n=Count("pk"))
            .values_list(lookup, "n")
        )
        for key, n in rows:
            removed[key][model._meta.label] += n
    for model, path in plan:
        rows = model._base_manager.filter(**{f"{_lookup(path, field)}__in": keys})
        if _plain_delete(root, model):
            rows._raw_delete(rows.db)
        else:
            rows.delete()
    return removed


def counts_merge(into: dict[Hashable, Counter], counts: dict[Hashable, Counter], owner: dict | None = None) -> None:
    """Add ``counts`` (per key) to ``into``, under ``owner[key]`` when given (e.g. a subject's rows
    counted for the file they belonged to)."""
    for key, counter in counts.items():
        into[owner[key] if owner is not None else key].update(counter)
