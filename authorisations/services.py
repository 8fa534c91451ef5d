"""The authorisation log, ending sessions, periodic rights reviews and the security plan evaluation.

Role and party changes themselves are made in ``accounts.services`` (role_grant, role_revoke,
user_roles_set, user_party_change, user_deactivate, user_superuser_set, ...), which record here
through ``authorisation_event_record`` -- the one place that writes the log (art. 15.2c). They run
inside ``authorisation_service_scope()``; a change of groups, party or superuser flag made outside
it (the shell, a third-party admin action) is still recorded by ``authorisations.safety_net``.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from authorisations.models import (
    AuthorisationEvent,
    AuthorisationEventKind,
    RightsDecision,
    RightsReview,
    RightsReviewItem,
    SecurityPlanEvaluation,
    SessionCutoff,
)

SYSTEM_REASON = "Door het systeem"

_SERVICE_SCOPE: contextvars.ContextVar[int] = contextvars.ContextVar("authorisation_service_scope", default=0)


@contextlib.contextmanager
def authorisation_service_scope():
    """Mark role, party and superuser changes made inside as made (and logged) by the services."""
    token = _SERVICE_SCOPE.set(_SERVICE_SCOPE.get() + 1)
    try:
        yield
    finally:
        _SERVICE_SCOPE.reset(token)


def authorisation_service_active() -> bool:
    return _SERVICE_SCOPE.get() > 0


def authorisation_event_record(
    *,
    subject,
    kind: AuthorisationEventKind,
    by=None,
    reason: str = "",
    role: str = "",
    old_value: str = "",
    new_value: str = "",
) -> AuthorisationEvent:
    """Append one row to the authorisation log (art. 15.2c)."""
    return AuthorisationEvent.objects.create(
        at=timezone.now(),
        actor=by if by is not None and getattr(by, "is_authenticated", False) else None,
        subject=subject,
        kind=AuthorisationEventKind(kind),
        role=role,
        old_value=old_value[:200],
        new_value=new_value[:200],
        reason=(reason or SYSTEM_REASON).strip()[:500],
    )


def sessions_end(user) -> None:
    """End every open session of ``user`` now: ``SessionCutoffMiddleware`` logs them out on their
    next request, whatever the session backend."""
    SessionCutoff.objects.update_or_create(user=user, defaults={"not_before": timezone.now()})


def session_started_before_cutoff(user_id: int, login_timestamp: float | None) -> bool:
    cutoff = SessionCutoff.objects.filter(user_id=user_id).values_list("not_before", flat=True).first()
    if cutoff is None:
        return False
    return login_timestamp is None or login_timestamp < cutoff.timestamp()


# --- Periodic rights review (art. 15.2f) --------------------------------------------------------


def rights_review_may_manage(user, party) -> bool:
    """The party's own functioneel beheerder (its contact for rights) carries out the review."""
    return bool(
        user.is_authenticated
        and user.has_perm("authorisations.add_rightsreview")
        and (user.is_superuser or user.party_id == party.pk)
    )


@transaction.atomic
def rights_review_start(party, *, by) -> RightsReview:
    """Snapshot every user of ``party`` with roles and last login, for the contact to decide on."""
    from accounts.services import user_roles  # accounts.services imports this module: cycle

    if not rights_review_may_manage(by, party):
        raise ValidationError("U mag geen rechtencontrole voor deze partij starten.", code="not_allowed")
    if RightsReview.objects.filter(party=party, completed_at__isnull=True).exists():
        raise ValidationError("Voor deze partij loopt al een rechtencontrole.", code="review_open")
    review = RightsReview.objects.create(party=party, started_at=timezone.now(), started_by=by)
    users = User.objects.filter(party=party).prefetch_related("groups").order_by("username")
    RightsReviewItem.objects.bulk_create(
        [
            RightsReviewItem(
                review=review,
                user=user,
                roles_at_start=", ".join(sorted(role.label for role in user_roles(user))),
                last_login=user.last_login,
            )
            for user in users
        ]
    )
    return review


@transaction.atomic
def rights_review_decide(item: RightsReviewItem, decision: RightsDecision | str, *, by) -> RightsReviewItem:
    from accounts.services import user_roles_set  # accounts.services imports this module: cycle

    review = item.review
    if review.is_done:
        raise ValidationError("Deze rechtencontrole is al afgerond.", code="review_done")
    if not rights_review_may_manage(by, review.party):
        raise ValidationError("U mag over deze rechten niet beslissen.", code="not_allowed")
    decision = RightsDecision(decision)
    reason = f"Periodieke rechtencontrole {review.reference}"
    if decision == RightsDecision.REVOKED:
        user_roles_set(item.user, [], by=by, reason=reason)
    else:
        authorisation_event_record(
            subject=item.user, kind=AuthorisationEventKind.RIGHTS_CONFIRMED, by=by, reason=reason
        )
    item.decision = decision
    item.decided_at = timezone.now()
    item.save(update_fields=["decision", "decided_at"])
    return item


@transaction.atomic
def rights_review_complete(review: RightsReview, *, by, notes: str = "") -> RightsReview:
    if review.is_done:
        raise ValidationError("Deze rechtencontrole is al afgerond.", code="review_done")
    if not rights_review_may_manage(by, review.party):
        raise ValidationError("U mag deze rechtencontrole niet afronden.", code="not_allowed")
    if review.items.filter(decision="").exists():
        raise ValidationError(
            "Neem eerst voor iedere gebruiker een besluit (bevestigen of intrekken).", code="undecided_items"
        )
    review.completed_at = timezone.now()
    review.completed_by = by
    review.notes = notes.strip()
    review.save(update_fields=["completed_at", "completed_by", "notes"])
    return review


# --- Security plan: yearly evaluation (art. 15.3) ------------------------------------------------


def security_plan_evaluation_record(*, evaluated_on: datetime.date, by, notes: str = "") -> SecurityPlanEvaluation:
    if evaluated_on > timezone.localdate():
        raise ValidationError("Een evaluatie kan niet in de toekomst liggen.", code="future_date")
    return SecurityPlanEvaluation.objects.create(
        evaluated_on=evaluated_on, recorded_by=by, recorded_at=timezone.now(), notes=notes.strip()
    )
