"""Art. 18.4: the raw yearly counts behind the evaluation, one query per figure.

Only counts leave this module: no names, numbers or dates of a person. The counts are
suppressed (``evaluation.suppression``) before anyone sees them.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.db.models import Count, Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from casusoverleg.models import Art3Goal, CasusoverlegFile, PlanMeasure
from incidents.models import IncidentProcess
from parties.models import PartyKind
from rights.models import RequestKind, RightsRequest
from weegploeg.models import Decision, DutyOutcome, InformationDuty, Outcome, Signal


@dataclasses.dataclass(frozen=True)
class Figure:
    """One figure: labelled counts, and whether the cells are parts of one whole (with a total)."""

    key: str
    title: str
    article: str
    rows: list[tuple[str, int]]
    has_total: bool = True


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)


def _by_choice(counts: dict, choices) -> list[tuple[str, int]]:
    return [(choice.label, counts.get(choice.value, 0)) for choice in choices]


def signals_per_party_kind(year: int) -> Figure:
    start, end = _year_bounds(year)
    counts = dict(
        Signal.objects.filter(registered_at__date__gte=start, registered_at__date__lt=end)
        .values_list("bringing_party__kind")
        .annotate(n=Count("pk"))
    )
    return Figure(
        "signalen", "Ontvangen signalen per soort inbrengende partij", "art. 7", _by_choice(counts, PartyKind)
    )


def weegploeg_outcomes(year: int) -> Figure:
    start, end = _year_bounds(year)
    counts = dict(
        Decision.objects.filter(decided_at__date__gte=start, decided_at__date__lt=end)
        .values_list("outcome")
        .annotate(n=Count("pk"))
    )
    return Figure("uitkomsten", "Uitkomsten van de weegploeg", "art. 7.4", _by_choice(counts, Outcome))


def cases_opened_and_closed(year: int) -> Figure:
    start, end = _year_bounds(year)
    opened = CasusoverlegFile.objects.filter(opened_at__date__gte=start, opened_at__date__lt=end).count()
    closed = CasusoverlegFile.objects.filter(closed_on__gte=start, closed_on__lt=end).count()
    rows = [("Casussen geopend", opened), ("Casussen afgesloten", closed)]
    # Opened and closed are not parts of one whole: no total, so no difference to protect.
    return Figure("casussen", "Casussen in het casusoverleg", "art. 9", rows, has_total=False)


DURATION_BUCKETS = [(0, 182, "korter dan 6 maanden"), (182, 365, "6 tot 12 maanden"), (365, 730, "1 tot 2 jaar")]
DURATION_LAST = "2 jaar of langer"


def plan_durations(year: int) -> Figure:
    """Days from the first adopted plan to closure, for cases closed in ``year``."""
    start, end = _year_bounds(year)
    closed = (
        CasusoverlegFile.objects.filter(closed_on__gte=start, closed_on__lt=end)
        .annotate(first_adopted=Min("plan_versions__adopted_on"))
        .values_list("closed_on", "first_adopted")
    )
    buckets = {label: 0 for *_, label in DURATION_BUCKETS} | {DURATION_LAST: 0}
    for closed_on, first_adopted in closed:
        days = (closed_on - (first_adopted or closed_on)).days
        label = next((lab for low, high, lab in DURATION_BUCKETS if low <= days < high), DURATION_LAST)
        buckets[label] += 1
    return Figure("duur", "Duur van afgesloten plannen van aanpak", "art. 9.4", list(buckets.items()))


def goals_used(year: int) -> Figure:
    """Cases whose plan, adopted in ``year``, has a measure for each goal of art. 3 (a case with
    several plan versions or measures for one goal counts once for that goal)."""
    start, end = _year_bounds(year)
    counts = dict(
        PlanMeasure.objects.filter(plan__adopted_on__gte=start, plan__adopted_on__lt=end)
        .values_list("goal")
        .annotate(n=Count("plan__file", distinct=True))
    )
    rows = _by_choice(counts, Art3Goal)
    # One case may serve several goals: the cells are no parts of one whole, so no total.
    return Figure("doelen", "Casussen per doel van het plan (art. 3 a–f)", "art. 3", rows, has_total=False)


ANSWER_BUCKETS = [(0, 15, "binnen 2 weken"), (15, 31, "binnen 1 maand"), (31, 10_000, "na meer dan 1 maand")]


def rights_requests(year: int) -> Figure:
    start, end = _year_bounds(year)
    requests = RightsRequest.objects.filter(received_on__gte=start, received_on__lt=end)
    counts = dict(requests.values_list("kind").annotate(n=Count("pk")))
    return Figure("verzoeken", "Verzoeken van betrokkenen", "art. 12", _by_choice(counts, RequestKind))


def rights_answer_times(year: int) -> Figure:
    start, end = _year_bounds(year)
    buckets = {label: 0 for *_, label in ANSWER_BUCKETS} | {"nog niet beantwoord": 0}
    rows = RightsRequest.objects.filter(received_on__gte=start, received_on__lt=end).values_list(
        "received_on", "inzage_answered_on", "correction_decided_on"
    )
    for received_on, answered, decided in rows:
        done = [d for d in (answered, decided) if d is not None]
        if not done:
            buckets["nog niet beantwoord"] += 1
            continue
        days = (max(done) - received_on).days
        buckets[next(lab for low, high, lab in ANSWER_BUCKETS if low <= days < high)] += 1
    return Figure("antwoordtijd", "Antwoordtijd op verzoeken van betrokkenen", "art. 12.4", list(buckets.items()))


def information_duties(year: int) -> Figure:
    start, end = _year_bounds(year)
    duties = InformationDuty.objects.filter(recorded_at__date__gte=start, recorded_at__date__lt=end)
    deferred = duties.filter(outcome=DutyOutcome.DEFER)
    rows = [
        ("Direct geïnformeerd", duties.filter(outcome=DutyOutcome.INFORM_NOW).count()),
        ("Uitgesteld, later alsnog geïnformeerd", deferred.filter(informed_on__isnull=False).count()),
        ("Uitgesteld, nog niet geïnformeerd", deferred.filter(informed_on__isnull=True).count()),
    ]
    return Figure("informatieplicht", "Informatieplicht na een uitkomst", "art. 11", rows)


def data_breaches(year: int) -> Figure:
    start, end = _year_bounds(year)
    incidents = IncidentProcess.objects.filter(discovered_at__date__gte=start, discovered_at__date__lt=end)
    rows = [
        ("Datalekken", incidents.filter(is_breach=True).count()),
        ("Andere beveiligingsincidenten", incidents.exclude(is_breach=True).count()),
    ]
    return Figure("datalekken", "Beveiligingsincidenten en datalekken", "art. 15.2g", rows)


FIGURES = (
    signals_per_party_kind,
    weegploeg_outcomes,
    cases_opened_and_closed,
    plan_durations,
    goals_used,
    rights_requests,
    rights_answer_times,
    information_duties,
    data_breaches,
)


def evaluation_figures(year: int) -> list[Figure]:
    return [figure(year) for figure in FIGURES]


def evaluation_years() -> list[int]:
    """The years with any signal, newest first (at least the current one)."""
    first = Signal.objects.aggregate(first=Min(TruncDate("registered_at")))["first"]
    this_year = timezone.localdate().year
    return list(range(this_year, (first.year if first else this_year) - 1, -1))
