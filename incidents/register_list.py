"""The incident register as a list for real volume (issue 14 item 2), through ``core.lists``.

Filter by stage (to classify, breach, no breach), reporting party, the 72-hour deadline of the
AP notification (art. 33 AVG: passed, still running) and "mine"; sort by every shown column;
pages; handled incidents one click away ("Afgehandeld"). The default order is the register's:
open breaches first (oldest deadline first), then the rest. Only what ``incidents_visible_to``
returns is listed: the rule of the register (art. 15.2g).
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from django.db.models import Case, IntegerField, QuerySet, Value, When
from viewflow.workflow.models import Task

from core.lists import ALL, ListFilter, ListSpec, ListState, SortKey, choice_filter
from core.tasks import OPEN_STATUSES
from incidents.models import AP_DEADLINE
from incidents.selectors import _open_breach_q, incidents_visible_to
from parties.models import Party

if TYPE_CHECKING:
    from accounts.models import User

OPEN, CLOSED = "open", "afgehandeld"
MINE = "mijn-taken"
COLUMNS = (
    ("kenmerk", "Kenmerk"),
    ("omschrijving", "Korte omschrijving"),
    ("ontdekt", "Ontdekt"),
    ("partij", "Gemeld door"),
    ("datalek", "Datalek?"),
    ("termijn", "Meldtermijn AP"),
    ("status", "Status termijn"),
    ("afgehandeld", "Afgehandeld"),
)
STAGES = (("te-classificeren", "Nog niet geclassificeerd"), ("datalek", "Datalek"), ("geen-datalek", "Geen datalek"))
DEADLINES = ((ALL, "Alle"), ("verlopen", "Meldtermijn verstreken"), ("lopend", "Meldtermijn loopt"))


@dataclasses.dataclass
class IncidentList:
    state: ListState
    rows: list[dict]


def _stage(queryset: QuerySet, value: str) -> QuerySet:
    if value == "te-classificeren":
        return queryset.filter(is_breach__isnull=True)
    return queryset.filter(is_breach=value == "datalek")


def incident_spec(user: User, now: datetime.datetime, parties: list[Party]) -> ListSpec:
    def shown(queryset: QuerySet, value: str) -> QuerySet:
        return queryset.filter(closed_at__isnull=value == OPEN)

    def scope(queryset: QuerySet, value: str) -> QuerySet:
        if value == MINE:
            return queryset.filter(
                pk__in=Task.objects.filter(owner=user, status__in=OPEN_STATUSES).values("process_id")
            )
        return queryset

    def deadline(queryset: QuerySet, value: str) -> QuerySet:
        if value == ALL:
            return queryset
        if value == "verlopen":
            return queryset.filter(_open_breach_q(), discovered_at__lt=now - AP_DEADLINE)
        return queryset.filter(_open_breach_q(), discovered_at__gte=now - AP_DEADLINE)

    return ListSpec(
        filters=(
            ListFilter("toon", "Toon", ((OPEN, "Openstaand"), (CLOSED, "Afgehandeld")), OPEN, shown, as_links=True),
            ListFilter(
                "wie", "Incidenten", ((ALL, "Alles wat ik mag zien"), (MINE, "Met een taak van mij")), ALL, scope
            ),
            choice_filter("fase", "Fase", STAGES, _stage),
            choice_filter(
                "partij",
                "Gemeld door",
                [(str(p.pk), p.name) for p in parties],
                lambda qs, v: qs.filter(reporter_party_id=int(v)),
            ),
            ListFilter("termijn", "Meldtermijn", DEADLINES, ALL, deadline),
        ),
        sorts=(
            SortKey("kenmerk", "Kenmerk", ("reference",)),
            SortKey("omschrijving", "Korte omschrijving", ("title",)),
            SortKey("ontdekt", "Ontdekt", ("discovered_at",)),
            SortKey("partij", "Gemeld door", ("reporter_party__name",)),
            SortKey("datalek", "Datalek?", ("is_breach",)),
            SortKey("termijn", "Meldtermijn AP", ("open_breach_rank", "discovered_at")),
            SortKey("afgehandeld", "Afgehandeld", ("closed_at",)),
        ),
        default_sort="termijn",
    )


def incident_list(user: User, now: datetime.datetime, params) -> IncidentList:
    """The page of incidents asked for by ``params``: the parties, a count and one page query."""
    incidents = incidents_visible_to(user).annotate(
        open_breach_rank=Case(When(_open_breach_q(), then=Value(0)), default=Value(1), output_field=IntegerField())
    )
    parties = list(Party.objects.filter(role="kernpartij").order_by("name").only("pk", "name"))
    state = incident_spec(user, now, parties).apply(params, incidents)
    rows = [{"incident": i, "state": i.deadline_state(now)} for i in state.objects]
    return IncidentList(state, rows)
