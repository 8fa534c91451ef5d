"""The weegploeg inbox for real volume (issue 14 item 2): filter, sort and page through the tasks.

One queryset of tasks of the weegploeg flows with what the list sorts and filters on — the file
and the due date, stored when the task was created (``weegploeg.terms``), and through the file its
received date and the party that brought it in — so that filtering, sorting and paging stay in
the database and the number of queries does not grow with the number of processes. Nothing is
computed per row that the page does not need (issue 18: the default list, sorted by due date,
within 150 ms at 10,000 processes). The list mechanism is ``core.lists``.

Who sees what (art. 8.4): the weegploeg (weegploeglid, uitvoerder of a kernpartij) sees every
active file, so "alles wat ik mag zien" is every task of an active file; "mijn groep" is what this
user may take (``_available_filter``, the permissions of their roles); "mijn taken" their own.
Anyone else gets an empty queryset, as the rule ``weegploeg.view_inbox`` refuses them anyway.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core.lists import ALL, ListFilter, ListSpec, ListState, SortKey, choice_filter, due_filter
from core.tasks import OPEN_STATUSES
from parties.models import Party
from weegploeg.models import Signal, WeegploegFile
from weegploeg.selectors import _available_filter, _node_name, _tasks, _weegploeg_flows, weegploeg_access
from weegploeg.templatetags.weegploeg_tags import TASK_STATUS_NL

if TYPE_CHECKING:
    from accounts.models import User

SEARCH_MAX = 100
SCOPE_MINE, SCOPE_GROUP = "mijn-taken", "mijn-groep"
STATE_OPEN, STATE_DONE = "open", "afgerond"
SCOPE_CHOICES = (
    (ALL, "Alles wat ik mag zien"),
    (SCOPE_MINE, "Mijn taken"),
    (SCOPE_GROUP, "Mijn groep (kan ik oppakken)"),
)

# The columns of the inbox, in order: (key, label). Keys that are sort keys become sort links.
COLUMNS = (
    ("dossier", "Dossier"),
    ("subject", "Subject"),
    ("fase", "Taak"),
    ("ontvangen", "Ontvangen"),
    ("partij", "Ingebracht door"),
    ("termijn", "Uiterlijk"),
    ("behandelaar", "Behandelaar"),
    ("status", "Status"),
)


@dataclasses.dataclass(frozen=True)
class InboxListRow:
    task_id: int
    title: str
    file_number: str
    initials: str
    received_on: datetime.date | None
    party: str
    due_on: datetime.date | None
    overdue: bool
    owner: str
    status: str
    assignable: bool  # open and not started: the uitvoerder may hand it to a colleague


@dataclasses.dataclass
class InboxList:
    state: ListState
    rows: list[InboxListRow]
    counts: list[tuple[str, str, int]]
    searched: bool
    query: str

    def file_numbers(self) -> list[str]:
        return [row.file_number for row in self.rows]


def stage_choices() -> list[tuple[str, str]]:
    weegploeg_flow, review_flow = _weegploeg_flows()
    nodes = [weegploeg_flow.analyse, weegploeg_flow.supply_information, weegploeg_flow.decide]
    nodes += [weegploeg_flow.information_duty, review_flow.review]
    return [(node.name, str(node.task_title)) for node in nodes]


def _stage_node(value: str):
    weegploeg_flow, review_flow = _weegploeg_flows()
    return review_flow.review if value == "review" else getattr(weegploeg_flow, value)


def inbox_tasks() -> QuerySet[Task]:
    """Every human task of an active weegploeg file, annotated with its file (``file_pk``) and its
    stored due date, both from ``TaskDue`` (fixed when the task was created; ``weegploeg.terms``).

    What the list only sorts on (the file number, the received date, the bringing party) is an
    alias: joined through the stored file when that column is sorted on, never for every row of the
    default list. The rows shown take them from their files (``inbox_list``: one query for 25)."""
    return (
        _tasks()
        .annotate(file_pk=F("weegploeg_due__file_id"), due_on=F("weegploeg_due__due_on"))
        .alias(
            file_number=F("weegploeg_due__file__number"),
            received_at=F("weegploeg_due__file__created_at"),
            party_name=F("weegploeg_due__file__bringing_party__name"),
        )
        .select_related("owner")
    )


def inbox_spec(user: User, today: datetime.date, parties: list[Party]) -> ListSpec:
    def scope(queryset: QuerySet, value: str) -> QuerySet:
        if value == SCOPE_MINE:
            return queryset.filter(owner=user)
        if value == SCOPE_GROUP:
            return _available_filter(user, queryset)
        return queryset

    def state(queryset: QuerySet, value: str) -> QuerySet:
        if value == STATE_DONE:
            return queryset.filter(status=STATUS.DONE)
        return queryset.filter(status__in=OPEN_STATUSES)

    return ListSpec(
        filters=(
            ListFilter(
                "toon", "Toon", ((STATE_OPEN, "Openstaand"), (STATE_DONE, "Afgerond")), STATE_OPEN, state, as_links=True
            ),
            ListFilter(
                "wie",
                "Taken",
                SCOPE_CHOICES,
                ALL,
                scope,
            ),
            choice_filter("fase", "Fase", stage_choices(), lambda qs, v: qs.filter(flow_task=_stage_node(v))),
            choice_filter("partij", "Ingebracht door", [(str(p.pk), p.name) for p in parties], _party_apply),
            due_filter("due_on", today),
        ),
        sorts=(
            SortKey("dossier", "Dossier", ("file_number",)),
            SortKey("fase", "Taak", ("flow_task",)),
            SortKey("ontvangen", "Ontvangen", ("received_at",)),
            SortKey("partij", "Ingebracht door", ("party_name",)),
            SortKey("termijn", "Uiterlijk", ("due_on",)),
            SortKey("behandelaar", "Behandelaar", ("owner__last_name", "owner__username")),
            SortKey("status", "Status", ("status",)),
        ),
        default_sort="termijn",
    )


def _party_apply(queryset: QuerySet, value: str) -> QuerySet:
    """Files with a signal brought in by this party (one set, not a subquery per row)."""
    return queryset.filter(file_pk__in=Signal.objects.filter(bringing_party_id=int(value)).values("file_id"))


def _search(queryset: QuerySet, query: str) -> QuerySet:
    """File number, or the subject's name (POST only: a name never goes into a URL)."""
    match = Q(number__icontains=query)
    for part in query.split()[:4]:
        match |= Q(subject__surname__icontains=part) | Q(subject__given_names__icontains=part)
    return queryset.filter(file_pk__in=WeegploegFile.objects.filter(match).values("pk"))


def inbox_parties() -> list[Party]:
    """The parties that may bring signals in (the filter's choices): the kernpartijen."""
    return list(Party.objects.filter(role="kernpartij").order_by("name").only("pk", "name"))


def inbox_list(user: User, today: datetime.date, params, query: str = "") -> InboxList:
    """The page of the inbox asked for by ``params`` (the query string) and the stage counts.

    A constant number of queries: the parties, the counts per stage, one count, one page query and
    one for the page's files (number, received date, subject initials and bringing party)."""
    tasks = inbox_tasks() if weegploeg_access(user) else Task.objects.none()
    if query:
        tasks = _search(tasks, query)
    state = inbox_spec(user, today, inbox_parties()).apply(params, tasks)
    page_files = WeegploegFile.objects.filter(pk__in=[t.file_pk for t in state.objects])
    files = {f.pk: f for f in page_files.select_related("subject", "bringing_party")}
    rows = []
    for task in state.objects:
        file = files.get(task.file_pk)
        rows.append(
            InboxListRow(
                task_id=task.pk,
                title=str(task.flow_task.task_title),
                file_number=file.number if file else "—",
                initials=file.subject.initials if file else "—",
                received_on=timezone.localtime(file.created_at).date() if file else None,
                party=file.bringing_party.name if file and file.bringing_party else "—",
                due_on=task.due_on,
                overdue=bool(task.due_on and task.due_on < today and task.status in OPEN_STATUSES),
                owner=(task.owner.get_full_name() or task.owner.username) if task.owner_id else "",
                status=TASK_STATUS_NL.get(task.status, task.status),
                assignable=task.status in (STATUS.NEW, STATUS.ASSIGNED),
            )
        )
    return InboxList(state, rows, stage_counts() if weegploeg_access(user) else [], bool(query), query)


def stage_counts() -> list[tuple[str, str, int]]:
    """Open tasks per stage as (stage, title, number): one query, whatever the volume."""
    titles = {node.name: str(node.task_title) for flow in _weegploeg_flows() for node in flow.instance.nodes()}
    counts_qs = _tasks().filter(status__in=OPEN_STATUSES).values("flow_task").annotate(n=Count("pk")).order_by()
    rows = []
    for row in counts_qs:
        name = _node_name(row["flow_task"])
        rows.append((name, titles.get(name, "Overig"), row["n"]))
    return sorted(rows, key=lambda r: r[1])
