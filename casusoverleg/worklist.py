"""The casusoverleg work list for real volume (issue 14 item 2): the cases this user may see,
filtered, sorted and paged through ``core.lists``.

The cases come from the permission-filtered selectors (``casus_files_visible_to``, or
``casus_files_plan_visible_to`` for an externe casuspartner, art. 10.5), so the list never shows
a case its screen would refuse. The plan-only view shows no initials and no bringing party and
cannot filter on it. Closed cases ("Afgesloten") are one click away; archived ones never show
(art. 13.2). The search by number or name is a POST (issue 13 item 11), applied before the list.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from viewflow.workflow.models import Task

from casusoverleg.models import OPEN_MEASURE_STATUSES, CasusoverlegFile, CasusStatus, PlanMeasure
from casusoverleg.selectors import casus_files_plan_visible_to, casus_files_visible_to, casus_is_external
from core.lists import ALL, ListFilter, ListSpec, ListState, SortKey, choice_filter, due_filter
from core.tasks import OPEN_STATUSES
from parties.models import Party
from weegploeg.models import Signal, WeegploegFile

if TYPE_CHECKING:
    from accounts.models import User

OPEN, CLOSED = "lopend", "afgesloten"
SCOPE_MINE, SCOPE_GROUP = "mijn-taken", "mijn-partij"

COLUMNS = (
    ("dossier", "Dossier"),
    ("subject", "Subject"),
    ("status", "Status"),
    ("ontvangen", "Geagendeerd op"),
    ("partij", "Ingebracht door"),
    ("bespreking", "Volgende voortgangsbespreking"),
    ("maatregelen", "Maatregelen over tijd"),
)
PLAN_COLUMNS = tuple(c for c in COLUMNS if c[0] not in ("subject", "partij"))
# What a row shows of the case and its subject: the page query reads nothing else (no free text).
ROW_FIELDS = ("number", "status", "opened_at", "next_review_on", "subject__given_names", "subject__surname")


@dataclasses.dataclass(frozen=True)
class CaseListRow:
    number: str
    initials: str
    status: str
    received_on: datetime.date
    party: str
    next_review_on: datetime.date | None
    review_overdue: bool
    overdue_measures: bool
    plan_only: bool


@dataclasses.dataclass
class CaseList:
    state: ListState
    rows: list[CaseListRow]
    columns: tuple
    plan_only: bool

    @property
    def numbers(self) -> list[str]:
        return [row.number for row in self.rows]


def case_spec(user: User, today: datetime.date, plan_only: bool, parties: list[Party]) -> ListSpec:
    def shown(queryset: QuerySet, value: str) -> QuerySet:
        if value == CLOSED:
            return queryset.filter(status=CasusStatus.AFGESLOTEN)
        return queryset.exclude(status=CasusStatus.AFGESLOTEN)

    def scope(queryset: QuerySet, value: str) -> QuerySet:
        if value == SCOPE_MINE:
            mine = Task.objects.filter(owner=user, status__in=OPEN_STATUSES).values("process_id")
            return queryset.filter(process_id__in=mine)
        if value == SCOPE_GROUP:
            return queryset.filter(participants__party_id=user.party_id).distinct()
        return queryset

    stages = [(value, label) for value, label in CasusStatus.choices if value != CasusStatus.AFGESLOTEN]
    filters = [
        ListFilter("toon", "Toon", ((OPEN, "Lopende casussen"), (CLOSED, "Afgesloten")), OPEN, shown, as_links=True),
        ListFilter(
            "wie",
            "Casussen",
            (
                (ALL, "Alles wat ik mag zien"),
                (SCOPE_MINE, "Met een taak van mij"),
                (SCOPE_GROUP, "Waaraan mijn partij deelneemt"),
            ),
            ALL,
            scope,
        ),
        choice_filter("fase", "Fase", stages, lambda qs, v: qs.filter(status=v)),
        due_filter("next_review_on", today, key="bespreking", label="Voortgangsbespreking"),
    ]
    sorts = [
        SortKey("dossier", "Dossier", ("number",)),
        SortKey("status", "Status", ("status",)),
        SortKey("ontvangen", "Geagendeerd op", ("opened_at",)),
        SortKey("bespreking", "Volgende voortgangsbespreking", ("next_review_on",)),
        SortKey("maatregelen", "Maatregelen over tijd", ("has_overdue",)),
    ]
    if not plan_only:
        filters.insert(3, choice_filter("partij", "Ingebracht door", [(str(p.pk), p.name) for p in parties], _party))
        sorts.append(SortKey("partij", "Ingebracht door", ("party_name",)))
    return ListSpec(filters=tuple(filters), sorts=tuple(sorts), default_sort="-ontvangen")


def _party(queryset: QuerySet, value: str) -> QuerySet:
    numbers = Signal.objects.filter(bringing_party_id=int(value)).values("file__number")
    return queryset.filter(source_weegploeg_number__in=numbers)


def _search(queryset: QuerySet, query: str, plan_only: bool) -> QuerySet:
    match = Q(number__icontains=query)
    if not plan_only:
        for part in query.split()[:4]:
            match |= Q(subject__surname__icontains=part) | Q(subject__given_names__icontains=part)
    return queryset.filter(match)


def case_list(user: User, today: datetime.date, params, query: str = "") -> CaseList:
    """The page of cases asked for by ``params``; a constant number of queries (parties, a count,
    the page with its subject, then the page's overdue flags and bringing parties)."""
    plan_only = casus_is_external(user)
    files = casus_files_plan_visible_to(user) if plan_only else casus_files_visible_to(user)
    overdue = PlanMeasure.objects.filter(
        plan__file=OuterRef("pk"),
        plan__adopted_at__isnull=False,
        plan__superseded_at__isnull=True,
        due_on__lt=today,
        status__in=OPEN_MEASURE_STATUSES,
    )
    # The party that brought the source file in, stored with that file (weegploeg 0007): one
    # lookup on its unique number per case, not a sort of its signals (issue 18).
    source = WeegploegFile.objects.filter(number=OuterRef("source_weegploeg_number")).order_by()
    # Aliases: in the ORDER BY only when the list is sorted on them (issue 18). Annotated, SQLite
    # would run both subqueries for every case before it keeps the 25 of the page.
    flags = {"has_overdue": Exists(overdue), "party_name": Subquery(source.values("bringing_party__name")[:1])}
    files = files.select_related("subject").only(*ROW_FIELDS).alias(**flags)
    if query:
        files = _search(files, query, plan_only)
    parties = [] if plan_only else list(Party.objects.filter(role="kernpartij").order_by("name").only("pk", "name"))
    state = case_spec(user, today, plan_only, parties).apply(params, files)
    page = CasusoverlegFile.objects.filter(pk__in=[file.pk for file in state.objects]).annotate(**flags)
    shown = {pk: (has_overdue, party) for pk, has_overdue, party in page.values_list("pk", *flags)}
    rows = []
    for file in state.objects:
        has_overdue, party = shown.get(file.pk, (False, None))
        rows.append(
            CaseListRow(
                number=file.number,
                initials=file.subject.initials if not plan_only else "—",
                status=file.get_status_display(),
                received_on=timezone.localtime(file.opened_at).date(),
                party=(party or "—") if not plan_only else "—",
                next_review_on=file.next_review_on,
                review_overdue=bool(
                    file.next_review_on and file.next_review_on < today and file.status != CasusStatus.AFGESLOTEN
                ),
                overdue_measures=bool(has_overdue),
                plan_only=plan_only,
            )
        )
    return CaseList(state, rows, PLAN_COLUMNS if plan_only else COLUMNS, plan_only)
