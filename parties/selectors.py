"""Reads for the notice screen (art. 18.2): parties and the open tasks of parties that left."""

from __future__ import annotations

import dataclasses
import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from core.processes import ProcessKind, process_flow
from core.tasks import OPEN_STATUSES
from parties.models import Party


@dataclasses.dataclass(frozen=True)
class FlaggedTask:
    """An open task a party that left can no longer do: one of its users holds it, or it waits for
    the party itself (aanvullende informatie, art. 7.4)."""

    task_id: int
    party: Party
    flow: str
    title: str
    owner: str
    url: str

    @property
    def ref(self) -> str:
        return f"taak-{self.task_id}"


def parties_with_notice() -> list[Party]:
    return list(Party.objects.filter(notice_given_on__isnull=False).order_by("participation_ends_on", "name"))


def parties_without_notice() -> list[Party]:
    return list(Party.objects.filter(notice_given_on__isnull=True).order_by("name"))


def _task_url(task) -> str:
    names = {
        process_flow(ProcessKind.WEEGPLOEG): "weegploeg:task",
        process_flow(ProcessKind.ACCURACY_REVIEW): "weegploeg:task",
        process_flow(ProcessKind.CASUSOVERLEG): "casusoverleg:task",
        process_flow(ProcessKind.CASUS_REVIEW): "casusoverleg:accuracy_review",
    }
    name = names.get(task.flow_task.flow_class) if task.flow_task else None
    return reverse(name, kwargs={"task_id": task.pk}) if name else ""


def departed_party_tasks(today: datetime.date | None = None) -> list[FlaggedTask]:
    """Art. 18.2: from the day a party's participation ends, every open task of its users and every
    task waiting for the party is flagged for the uitvoerder (to hand on, ``parties_tasks_release``)."""
    today = today or timezone.localdate()
    departed = {p.pk: p for p in Party.objects.filter(participation_ends_on__lte=today)}
    if not departed:
        return []
    party_type = ContentType.objects.get_for_model(Party)
    waiting_for = Q(owner_permission_content_type=party_type, owner_permission_obj_pk__in=[str(pk) for pk in departed])
    tasks = (
        Task.objects.filter(status__in=OPEN_STATUSES)
        .filter(Q(owner__party_id__in=list(departed)) | waiting_for)
        .select_related("owner", "process")
        .order_by("pk")
    )
    flagged = []
    for task in tasks:
        if task.flow_task is None:
            continue
        if task.owner_id and task.owner.party_id in departed:
            party = departed[task.owner.party_id]
            owner = task.owner.get_full_name() or task.owner.username
        else:
            party = departed[int(task.owner_permission_obj_pk)]
            owner = f"wacht op {party.name}"
        flow_title = (task.flow_task.flow_class.__doc__ or "").strip().splitlines()[0]
        flagged.append(FlaggedTask(task.pk, party, flow_title, task.flow_task.task_title, owner, _task_url(task)))
    return flagged
