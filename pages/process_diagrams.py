"""Bijlage 2 (procesbeschrijving): the process diagrams, generated from the running viewflow flows.

The published process and the running process cannot drift apart: the picture and its text
alternative are drawn from the flow classes themselves (viewflow's chart layout). To show another
flow, add one line to ``PROCESS_FLOWS``.
"""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass, field

from django.template.loader import get_template
from django.utils.encoding import force_str
from viewflow.workflow import chart
from viewflow.workflow.nodes import End, If, Split, Start, StartHandle, Switch, View
from viewflow.workflow.nodes.join import Join

from core.processes import ProcessKind, process_flow

# (the process, heading on bijlage 2); the flow class comes from the registry (``core.processes``)
PROCESS_FLOWS: list[tuple[ProcessKind, str]] = [
    (ProcessKind.WEEGPLOEG, "Van signaal tot besluit van de weegploeg (artikel 7, 8 en 11)"),
    (ProcessKind.CASUSOVERLEG, "Casusoverleg: van plan van aanpak tot afsluiting (artikel 9)"),
    (ProcessKind.RIGHTS, "Verzoek van een betrokkene: inzage en correctie (artikel 12)"),
]

EDGE_LABELS = {"yes": "ja", "no": "nee"}


@dataclass
class ProcessStep:
    name: str
    title: str
    kind: str
    next_steps: list[str] = field(default_factory=list)


@dataclass
class ProcessDiagram:
    key: str
    heading: str
    svg: str
    steps: list[ProcessStep]

    @property
    def svg_data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


def _kind(node) -> str:
    if isinstance(node, Start | StartHandle):
        return "begin"
    if isinstance(node, End):
        return "einde"
    if isinstance(node, If | Switch):
        return "keuze"
    if isinstance(node, Split | Join):
        return "splitsen of samenkomen"
    if isinstance(node, View):
        return "taak voor een medewerker"
    return "automatische stap"


def _title(node) -> str:
    return force_str(node.task_title) if node.task_title else node.name.replace("_", " ").capitalize()


def flow_diagram(flow_class, heading: str) -> ProcessDiagram:
    """The diagram (SVG, from viewflow's chart layout) and the ordered list of steps of one flow."""
    grid = chart.calc_layout_data(flow_class)
    for edge in grid.edges:
        if edge.label in EDGE_LABELS:
            edge.label = EDGE_LABELS[edge.label]
    key = flow_class.__name__.lower()
    context = {"grid": grid, "cells": grid.cells, "edges": grid.edges, "prefix": key}
    svg = get_template("pages/process_graph.svg").render(context)
    nodes, _ = chart.topsort(flow_class)
    steps = []
    for node in nodes:
        following = []
        for edge in node._outgoing():
            if edge.edge_class in ("boundary", "compensation"):
                continue
            label = EDGE_LABELS.get(edge.label or "", "")
            following.append(f"{label}: {_title(edge.dst)}" if label else _title(edge.dst))
        steps.append(ProcessStep(name=node.name, title=_title(node), kind=_kind(node), next_steps=following))
    return ProcessDiagram(key=key, heading=heading, svg=svg, steps=steps)


@functools.cache
def process_diagrams() -> tuple[ProcessDiagram, ...]:
    """Every flow in ``PROCESS_FLOWS``, in order (computed once per process: flows change only by deploy)."""
    return tuple(flow_diagram(process_flow(kind), heading) for kind, heading in PROCESS_FLOWS)
