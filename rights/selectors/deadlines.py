"""The deadlines dashboard: every open legal deadline for the uitvoerder (art. 8.3, 10.3, 11.3-5, 12;
art. 33 AVG), overdue first."""

from __future__ import annotations

import dataclasses
import datetime
import heapq
import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import overload

from django.db.models import Count, Q, QuerySet
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


def _moment(row: DeadlineRow, day_ends: dict[datetime.date, datetime.datetime]) -> datetime.datetime:
    """When a deadline runs out: its exact moment (the 72-hour clock), else the end of its day."""
    if row.due_at is not None:
        return row.due_at
    if row.due not in day_ends:
        day_ends[row.due] = timezone.make_aware(datetime.datetime.combine(row.due, datetime.time(23, 59)))
    return day_ends[row.due]


class DeadlineRows(Sequence[DeadlineRow]):
    """The overview's rows in their order (overdue first, then by when they run out), read a slice at a
    time. The accuracy reviews of the weegploeg files, one per active file (thousands), are counted,
    ordered and limited in the query and get their task screen only when shown; the other kinds (a
    handful each) are gathered in Python and merged in. Ties keep the order of the kinds: requests,
    duties and breaches, then the weegploeg reviews (by file), then the casusoverleg reviews."""

    def __init__(self, before: list[DeadlineRow], reviews: QuerySet, after: list[DeadlineRow], today: datetime.date):
        self._day_ends: dict[datetime.date, datetime.datetime] = {}
        self._before = sorted(before, key=self._key)
        self._after = sorted(after, key=self._key)
        self._reviews = reviews.order_by("next_review_on", "pk")
        self._today = today
        figures = reviews.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(next_review_on__lt=today)))
        self.review_count: int = figures["total"]
        self.review_overdue: int = figures["overdue"]

    def _key(self, item: DeadlineRow | tuple[DeadlineRow, int]) -> tuple[bool, datetime.datetime]:
        row = item[0] if isinstance(item, tuple) else item
        return (not row.overdue, _moment(row, self._day_ends))

    def __len__(self) -> int:
        return len(self._before) + self.review_count + len(self._after)

    def __iter__(self) -> Iterator[DeadlineRow]:
        return iter(self[:])

    @overload
    def __getitem__(self, index: int) -> DeadlineRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[DeadlineRow]: ...

    def __getitem__(self, index):
        if not isinstance(index, slice):
            rows = self[index : index + 1] if index >= 0 else self[len(self) + index :][:1]
            if not rows:
                raise IndexError(index)
            return rows[0]
        start, stop, step = index.indices(len(self))
        if start >= stop:
            return []
        merged = heapq.merge(self._before, self._review_stream(stop), self._after, key=self._key)
        return self._with_review_urls(list(itertools.islice(merged, start, stop, step)))

    def _review_stream(self, limit: int) -> Iterator[tuple[DeadlineRow, int]]:
        """The first ``limit`` reviews as rows without their screen yet, each with its file's key."""
        for pk, number, due in self._reviews.values_list("pk", "number", "next_review_on")[:limit]:
            row = DeadlineRow("juistheid", number, "Controle op juistheid", due, None, "", days_left(due, self._today))
            yield row, pk

    def _with_review_urls(self, items: list) -> list[DeadlineRow]:
        """The shown reviews get the address of their open review task (one query for the slice)."""
        files = [item[1] for item in items if isinstance(item, tuple)]
        shown = _open_reviews().filter(process__artifact_object_id__in=files)
        task_of = dict(shown.values_list("process__artifact_object_id", "pk"))
        task_url = _task_url("weegploeg:task")
        return [
            dataclasses.replace(item[0], url=task_url(task_of[item[1]])) if isinstance(item, tuple) else item
            for item in items
        ]


def _open_reviews() -> QuerySet:
    review = process_flow(ProcessKind.ACCURACY_REVIEW)
    return Task.objects.filter(process__flow_class=review, flow_task=review.review, status__in=OPEN_STATUSES)


def _review_files(due_by: datetime.date | None) -> QuerySet:
    """The weegploeg files with an open accuracy review task (art. 8.3): every active file has one."""
    files = WeegploegFile.objects.filter(pk__in=_open_reviews().values("process__artifact_object_id")).exclude(
        next_review_on=None
    )
    return files if due_by is None else files.filter(next_review_on__lte=due_by)


def _request_rows(today: datetime.date) -> list[DeadlineRow]:
    rows = []
    for request in open_requests():
        url = reverse("rights:detail", kwargs={"number": request.number})
        for what, due in request.open_deadlines():
            kind = "correctie" if "uitvoeren" in what else "verzoek"
            rows.append(DeadlineRow(kind, request.number, what, due, None, url, days_left(due, today)))
    return rows


def _duty_rows(today: datetime.date) -> list[DeadlineRow]:
    rows = []
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
    return rows


def _breach_rows(today: datetime.date) -> list[DeadlineRow]:
    breaches = IncidentProcess.objects.filter(reference__isnull=False, ap_notified__isnull=True).exclude(
        is_breach=False
    )
    rows = []
    for incident in breaches:
        deadline = incident.ap_deadline
        if deadline is None:
            continue
        due = timezone.localtime(deadline).date()
        url = reverse("incidents:detail", kwargs={"reference": incident.reference})
        what = "Melden aan de Autoriteit Persoonsgegevens"
        rows.append(DeadlineRow("datalek", incident.reference, what, due, deadline, url, days_left(due, today)))
    return rows


def _casus_review_rows(today: datetime.date) -> list[DeadlineRow]:
    rows = []
    for review in casus_review_deadlines():  # art. 10.3, issue 17 item 1
        url = reverse("casusoverleg:accuracy_review", kwargs={"task_id": review.task_id})
        what = "Controle op juistheid"
        rows.append(
            DeadlineRow("juistheid_casus", review.number, what, review.due, None, url, days_left(review.due, today))
        )
    return rows


def deadlines_dashboard(today: datetime.date | None = None, *, due_by: datetime.date | None = None) -> dict:
    """Every open legal deadline for the uitvoerder, overdue first, then by due date, with counts;
    with ``due_by`` only those that run out by that day (the start page's week; the accuracy reviews,
    one per active file, narrowed in the query). The rows are a ``DeadlineRows``: counted in full,
    built only for the slice a screen shows."""
    today = today or timezone.localdate()
    before = [*_request_rows(today), *_duty_rows(today), *_breach_rows(today)]
    after = _casus_review_rows(today)
    if due_by is not None:
        before = [row for row in before if row.due <= due_by]
        after = [row for row in after if row.due <= due_by]
    rows = DeadlineRows(before, _review_files(due_by), after, today)
    counts = {kind: sum(1 for r in [*before, *after] if r.kind == kind) for kind in DEADLINE_KINDS}
    counts["juistheid"] += rows.review_count
    return {
        "rows": rows,
        "total": len(rows),
        "overdue": sum(1 for r in [*before, *after] if r.overdue) + rows.review_overdue,
        "counts": [(DEADLINE_KINDS[k], n) for k, n in counts.items()],
        "waiting_identity": requests_waiting_for_identity(),
    }
