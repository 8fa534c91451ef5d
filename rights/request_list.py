"""The list of requests for inzage and correctie for real volume (issue 14 item 2), through
``core.lists``: filter by status, legal deadline and "mine", sort by every shown column, pages,
and the finished requests one click away ("Afgerond").

The next legal deadline (art. 12.3, 12.5, 12.6) is four weeks after one of three dates; the list
sorts and filters on that date in SQL (``deadline_from``) so that no date arithmetic runs per row:
a deadline is overdue when its starting date lies more than four weeks back. The label and the
days left per row come from the model (``RightsRequest.next_deadline``), the one definition.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from django.db.models import Case, DateField, F, Q, QuerySet, When
from viewflow.workflow.models import Task

from core.lists import ALL, ListFilter, ListSpec, ListState, SortKey, choice_filter, due_filter
from core.tasks import OPEN_STATUSES
from rights.models import ANSWER_WEEKS, CorrectionDecision, RequestKind, RequestStatus
from rights.selectors.requests import rights_requests_visible_to

if TYPE_CHECKING:
    from accounts.models import User

OPEN, DONE = "open", "afgerond"
MINE = "mijn-taken"
COLUMNS = (
    ("verzoek", "Verzoek"),
    ("soort", "Soort"),
    ("ontvangen", "Ontvangen"),
    ("status", "Status"),
    ("termijn", "Eerstvolgende termijn"),
    ("resterend", "Resterend"),
)


@dataclasses.dataclass
class RequestList:
    state: ListState
    rows: list[dict]


def _deadline_from() -> Case:
    """The date the next legal deadline counts from (four weeks later), or NULL (see module doc)."""
    correction_pending = Q(kind__in=[RequestKind.CORRECTIE, RequestKind.BEIDE], correction_decided_on__isnull=True)
    return Case(
        When(correction_pending & ~Q(status=RequestStatus.AFGEROND), then=F("received_on")),
        When(status=RequestStatus.INZAGE, identity_established_on__isnull=False, then=F("identity_established_on")),
        When(
            Q(status=RequestStatus.CORRECTIE_UITVOERING, correction_decided_on__isnull=False)
            & ~Q(correction_decision=CorrectionDecision.AFGEWEZEN),
            then=F("correction_decided_on"),
        ),
        default=None,
        output_field=DateField(),
    )


def request_spec(user: User, today: datetime.date) -> ListSpec:
    def shown(queryset: QuerySet, value: str) -> QuerySet:
        if value == DONE:
            return queryset.filter(status=RequestStatus.AFGEROND)
        return queryset.exclude(status=RequestStatus.AFGEROND)

    def scope(queryset: QuerySet, value: str) -> QuerySet:
        if value == MINE:
            mine = Task.objects.filter(owner=user, status__in=OPEN_STATUSES).values("process_id")
            return queryset.filter(process_id__in=mine)
        return queryset

    stages = [(v, label) for v, label in RequestStatus.choices if v != RequestStatus.AFGEROND]
    shifted = today - datetime.timedelta(weeks=ANSWER_WEEKS)  # a deadline date minus four weeks
    return ListSpec(
        filters=(
            ListFilter("toon", "Toon", ((OPEN, "Openstaand"), (DONE, "Afgerond")), OPEN, shown, as_links=True),
            ListFilter(
                "wie", "Verzoeken", ((ALL, "Alles wat ik mag zien"), (MINE, "Met een taak van mij")), ALL, scope
            ),
            choice_filter("fase", "Status", stages, lambda qs, v: qs.filter(status=v)),
            choice_filter("soort", "Soort", RequestKind.choices, lambda qs, v: qs.filter(kind=v)),
            due_filter("deadline_from", shifted),
        ),
        sorts=(
            SortKey("verzoek", "Verzoek", ("number",)),
            SortKey("soort", "Soort", ("kind",)),
            SortKey("ontvangen", "Ontvangen", ("received_on",)),
            SortKey("status", "Status", ("status",)),
            SortKey("termijn", "Eerstvolgende termijn", ("deadline_from",)),
            SortKey("resterend", "Resterend", ("deadline_from",)),
        ),
        default_sort="termijn",
    )


def request_list(user: User, today: datetime.date, params) -> RequestList:
    """The page of requests asked for by ``params``: a count and one page query."""
    requests = rights_requests_visible_to(user).annotate(deadline_from=_deadline_from())
    state = request_spec(user, today).apply(params, requests)
    rows = []
    for r in state.objects:
        nxt = r.next_deadline()
        left = (nxt[1] - today).days if nxt else None
        rows.append({"request": r, "deadline": nxt, "days_left": left, "overdue": left is not None and left < 0})
    return RequestList(state, rows)
