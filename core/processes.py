"""Which flow runs which process, for the domain apps that start or look up a process.

The flows live in ``flows/``, above the domain apps (a domain app never imports ``flows``). A
domain service that must start a process (a signal starts the weegploeg, an agendered subject
the casusoverleg) or find the tasks of one (the inbox) names the process by its kind; ``flows``
registers its flow class for each kind when the app registry is ready (``flows.apps``). This is
the one way down: ``flows`` hands its flows to the kernel, the domain apps ask the kernel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from viewflow.workflow.base import Flow
    from viewflow.workflow.models import Process


class ProcessKind(models.TextChoices):
    WEEGPLOEG = "weegploeg", "Weegploeg (art. 7-8)"
    ACCURACY_REVIEW = "accuracy_review", "Controle op juistheid weegploegdossier (art. 8.3)"
    CASUSOVERLEG = "casusoverleg", "Casusoverleg (art. 9)"
    CASUS_REVIEW = "casus_review", "Controle op juistheid casusoverlegdossier (art. 10.3)"
    RIGHTS = "rights", "Verzoek inzage of correctie (art. 12)"
    INCIDENT = "incident", "Incident (art. 15.2g)"


_FLOWS: dict[str, tuple[type[Flow], str]] = {}


class FlowNotRegistered(LookupError):
    """No flow is registered for a kind: ``flows`` is not in ``INSTALLED_APPS`` or not ready."""


def process_flow_register(kind: ProcessKind, flow_class: type[Flow], *, start: str = "start") -> None:
    """Called by ``flows.apps`` for each of its flows: ``start`` names the flow's start node."""
    _FLOWS[kind] = (flow_class, start)


def process_flow(kind: ProcessKind) -> type[Flow]:
    """The flow class that runs processes of ``kind`` (e.g. to filter tasks by ``flow_class``)."""
    try:
        return _FLOWS[kind][0]
    except KeyError as error:
        raise FlowNotRegistered(f"Geen werkproces geregistreerd voor {kind}.") from error


def process_start(kind: ProcessKind, **data: Any) -> Process:
    """Start a process of ``kind`` with viewflow's own start node (inside the caller's transaction)."""
    flow_class = process_flow(kind)
    return getattr(flow_class, _FLOWS[kind][1]).run(**data)
