"""The deadlines dashboard: every open legal deadline for the uitvoerder (art. 8.3, 10.3, 11.3-5, 12;
art. 33 AVG), overdue first."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from casusoverleg.accuracy import casus_review_deadlines
from core.processes import ProcessKind, process_flow
from core.tasks import OPEN_STATUSES
from incidents.models import IncidentProcess
from rights.selectors.information_duty import deferred_duties_open, duty_next_check
from rights.selectors.requests import open_requests, requests_waiting_for_identity
from weegploeg.models import WeegploegFile


def days_left(due: datetime.date, today: datetime.date | None = None) -> int:
    return (due - (today or timezone.localdate())).days


@dataclasses.dataclass(frozen=True)
class DeadlineRow:
    """One open legal deadline on the dashboard."""

    kind: str  # a key of DEADLINE_KINDS
    ref: str  # pseudonymous: R-…, W-…, I-…
    what: str
    due: datetime.date
    due_at: datetime.datetime | None  # for the 72-hour clock: the exact moment
    url: str
    days_left: int

    @property
    def overdue(self) -> bool:
        if self.due_at is not None:
            return self.due_at < timezone.now()
        return self.days_left < 0

    @property
    def kind_label(self) -> str:
        return DEADLINE_KINDS[self.kind]


DEADLINE_KINDS = {
    "verzoek": "Verzoek inzage of correctie (art. 12.3, 12.5)",
    "correctie": "Uitvoering correctie (art. 12.6)",
    "informatieplicht": "Uitgestelde informatieplicht (art. 11.3-5)",
    "datalek": "Datalek: melding aan de AP binnen 72 uur (art. 33 AVG)",
    "juistheid": "Controle op juistheid (art. 8.3)",
    "juistheid_casus": "Controle op juistheid casusoverleg (art. 10.3)",
}


def _task_url(name: str) -> Callable[[int], str]:
    """The URL of a task screen for many rows at once: one ``reverse``, the task id filled in."""
    marker = 987654321
    prefix, suffix = reverse(name, kwargs={"task_id": marker}).split(str(marker))
    return lambda task_id: f"{prefix}{task_id}{suffix}"


def deadlines_dashboard(today: datetime.date | None = None, *, due_by: datetime.date | None = None) -> dict:
    """Every open legal deadline for the uitvoerder, overdue first, then by due date, with counts;
    with ``due_by`` only those that run out by that day (the start page's week), so that the
    accuracy reviews, one per active file, are narrowed in the query rather than after it."""
    today = today or timezone.localdate()
    rows: list[DeadlineRow] = []
    for request in open_requests():
        url = reverse("rights:detail", kwargs={"number": request.number})
        for what, due in request.open_deadlines():
            kind = "correctie" if "uitvoeren" in what else "verzoek"
            rows.append(DeadlineRow(kind, request.number, what, due, None, url, days_left(due, today)))
    for duty in deferred_duties_open():
        due = duty_next_check(duty)
        if due is None:
            continue
        url = reverse("rights:duty", kwargs={"number": duty.file.number})
        rows.append(
            DeadlineRow(
                "informatieplicht", duty.file.number, "Opnieuw beoordelen", due, None, url, days_left(due, today)
            )
        )
    breaches = IncidentProcess.objects.filter(reference__isnull=False, ap_notified__isnull=True).exclude(
        is_breach=False
    )
    for incident in breaches:
        deadline = incident.ap_deadline
        if deadline is None:
            continue
        due = timezone.localtime(deadline).date()
        url = reverse("incidents:detail", kwargs={"reference": incident.reference})
        rows.append(
            DeadlineRow(
                "datalek",
                incident.reference,
                "Melden aan de Autoriteit Persoonsgegevens",
                due,
                deadline,
                url,
                days_left(due, today),
            )
        )
    # Every active file has an open review task: rows of plain values, not model instances.
    review = process_flow(ProcessKind.ACCURACY_REVIEW)
    open_reviews = Task.objects.filter(process__flow_class=review, flow_task=review.review, status__in=OPEN_STATUSES)
    task_of = dict(open_reviews.values_list("process__artifact_object_id", "pk"))
    files = WeegploegFile.objects.filter(pk__in=open_reviews.values("process__artifact_object_id")).exclude(
        next_review_on=None
    )
    if due_by is not None:
        files = files.filter(next_review_on__lte=due_by)
    task_url = _task_url("weegploeg:task")
    for pk, number, due in files.order_by("pk").values_list("pk", "number", "next_review_on"):
        url = task_url(task_of[pk])
        rows.append(DeadlineRow("juistheid", number, "Controle op juistheid", due, None, url, days_left(due, today)))

    for review in casus_review_deadlines():  # art. 10.3, issue 17 item 1
        url = reverse("casusoverleg:accuracy_review", kwargs={"task_id": review.task_id})
        what = "Controle op juistheid"
        rows.append(
            DeadlineRow("juistheid_casus", review.number, what, review.due, None, url, days_left(review.due, today))
        )

    day_ends: dict[datetime.date, datetime.datetime] = {}

    def key(row: DeadlineRow):
        if row.due_at is not None:
            return (not row.overdue, row.due_at)
        if row.due not in day_ends:
            day_ends[row.due] = timezone.make_aware(datetime.datetime.combine(row.due, datetime.time(23, 59)))
        return (not row.overdue, day_ends[row.due])

    rows.sort(key=key)
    counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in DEADLINE_KINDS}
    return {
        "rows": rows,
        "total": len(rows),
        "overdue": sum(1 for r in rows if r.overdue),
        "counts": [(DEADLINE_KINDS[k], n) for k, n in counts.items()],
        "waiting_identity": requests_waiting_for_identity(),
    }
