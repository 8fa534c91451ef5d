"""Permission-filtered reads for the authorisation log, rights reviews and the security plan.
The lists use the predicates of ``authorisations/access_rules.py`` (roles only, no superuser
shortcut), so they agree with the screens' rules."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from authorisations.access_rules import may_view_events, may_view_reviews, sees_all_parties
from authorisations.models import AuthorisationEvent, RightsReview, SecurityPlanEvaluation
from parties.models import Party

EVALUATION_REMINDER_DAYS = 30


def authorisation_events_visible_to(user) -> QuerySet[AuthorisationEvent]:
    """The uitvoerder / privacy officer see every event; a functioneel beheerder those of their party."""
    if not may_view_events(user):
        return AuthorisationEvent.objects.none()
    qs = AuthorisationEvent.objects.select_related("actor", "subject", "subject__party")
    if sees_all_parties(user):
        return qs
    return qs.filter(subject__party_id=user.party_id)


def rights_reviews_visible_to(user) -> QuerySet[RightsReview]:
    if not may_view_reviews(user):
        return RightsReview.objects.none()
    qs = RightsReview.objects.select_related("party", "started_by", "completed_by")
    if sees_all_parties(user):
        return qs
    return qs.filter(party_id=user.party_id)


def rights_review_parties_visible_to(user) -> QuerySet[Party]:
    if not may_view_reviews(user):
        return Party.objects.none()
    if sees_all_parties(user):
        return Party.objects.participating().order_by("name")
    return Party.objects.filter(pk=user.party_id)


@dataclass(frozen=True)
class EvaluationStatus:
    last: SecurityPlanEvaluation | None
    next_due: datetime.date | None
    overdue: bool
    due_soon: bool


def security_plan_status(today: datetime.date | None = None) -> EvaluationStatus:
    """The last yearly evaluation (art. 15.3) and whether the next one is due."""
    today = today or timezone.localdate()
    last = SecurityPlanEvaluation.objects.select_related("recorded_by").first()
    if last is None:
        return EvaluationStatus(None, None, True, False)
    due = last.next_due
    return EvaluationStatus(
        last, due, overdue=today > due, due_soon=today <= due <= today + datetime.timedelta(EVALUATION_REMINDER_DAYS)
    )
