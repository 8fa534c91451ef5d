"""Reconciliation of the authorisation log with the authorisations themselves (art. 15.2c; issue 13
item 4).

The services write a row for every change, and the safety net (``safety_net.py``) records changes
made around them through the ORM. Three paths send no signal at all: a data migration (historical
models), ``QuerySet.update()`` and raw SQL. This module closes them after the fact: it replays the
log into the state it describes (roles, party, superuser per user), compares that with the
database, and records every difference as a row of its own, with a reason that says it was found by
this check and not seen when it happened. It runs after every ``migrate`` (so a data migration's
change is logged by the same command that made it) and as ``manage.py reconcile_authorisation_log``.
"""

from __future__ import annotations

import dataclasses

from django.db import connections, transaction

from accounts.models import User
from accounts.roles import Role
from authorisations.models import AuthorisationEvent, AuthorisationEventKind
from authorisations.services import authorisation_event_record
from parties.models import Party

FOUND_REASON = (
    "Vastgesteld bij de controle van het autorisatielog: gewijzigd buiten elke service en elk vangnet "
    "(datamigratie, QuerySet.update of SQL); tijdstip van de wijziging onbekend (art. 15.2c)"
)
ROLE_KINDS = (AuthorisationEventKind.ROLE_GRANTED, AuthorisationEventKind.ROLE_REVOKED)
PARTY_KINDS = (AuthorisationEventKind.USER_CREATED, AuthorisationEventKind.PARTY_CHANGED)
SUPERUSER_KINDS = (AuthorisationEventKind.SUPERUSER_GRANTED, AuthorisationEventKind.SUPERUSER_REVOKED)


@dataclasses.dataclass
class RecordedState:
    roles: set[str] = dataclasses.field(default_factory=set)
    party: str | None = None  # the party's name as last logged; None: never logged
    superuser: bool = False


def authorisation_state_recorded() -> dict[int, RecordedState]:
    """What the log says each user holds now: its rows replayed in order."""
    states: dict[int, RecordedState] = {}
    rows = (
        AuthorisationEvent.objects.filter(kind__in=(*ROLE_KINDS, *PARTY_KINDS, *SUPERUSER_KINDS))
        .order_by("at", "id")
        .values_list("subject_id", "kind", "role", "new_value")
    )
    for subject_id, kind, role, new_value in rows.iterator(chunk_size=5000):
        state = states.setdefault(subject_id, RecordedState())
        if kind == AuthorisationEventKind.ROLE_GRANTED:
            state.roles.add(role)
        elif kind == AuthorisationEventKind.ROLE_REVOKED:
            state.roles.discard(role)
        elif kind in PARTY_KINDS:
            state.party = new_value
        else:
            state.superuser = kind == AuthorisationEventKind.SUPERUSER_GRANTED
    return states


def _roles_held() -> dict[int, set[str]]:
    codes = {role.group_name: role.value for role in Role}
    held: dict[int, set[str]] = {}
    for user_id, group_name in User.groups.through.objects.values_list("user_id", "group__name"):
        if group_name in codes:
            held.setdefault(user_id, set()).add(codes[group_name])
    return held


def _party_differs(recorded: str | None, actual: str, party_names: set[str]) -> bool:
    """A logged name that no party carries any more is a renamed party, not a changed user."""
    if recorded is None:
        return True
    return recorded != actual and recorded in party_names


@transaction.atomic
def authorisation_log_reconcile() -> list[AuthorisationEvent]:
    """Record every authorisation the log does not describe; returns the rows written."""
    recorded = authorisation_state_recorded()
    held = _roles_held()
    party_names = set(Party.objects.values_list("name", flat=True))
    labels = {role.value: role.label for role in Role}
    written: list[AuthorisationEvent] = []

    def record(user, kind, **fields) -> None:
        written.append(authorisation_event_record(subject=user, kind=kind, reason=FOUND_REASON, **fields))

    for user in User.objects.select_related("party").order_by("pk").iterator(chunk_size=2000):
        state = recorded.get(user.pk, RecordedState())
        actual = held.get(user.pk, set())
        for code in sorted(actual - state.roles):
            record(user, AuthorisationEventKind.ROLE_GRANTED, role=code, new_value=labels[code])
        for code in sorted(state.roles - actual):
            label = labels.get(code, code)
            record(user, AuthorisationEventKind.ROLE_REVOKED, role=code, old_value=label)
        actual_party = user.party.name if user.party_id else ""
        if _party_differs(state.party, actual_party, party_names):
            old = state.party or ""
            record(user, AuthorisationEventKind.PARTY_CHANGED, old_value=old, new_value=actual_party)
        if user.is_superuser != state.superuser:
            kind = (
                AuthorisationEventKind.SUPERUSER_GRANTED
                if user.is_superuser
                else AuthorisationEventKind.SUPERUSER_REVOKED
            )
            record(user, kind)
    return written


def reconcile_after_migrate(sender, using="default", **kwargs) -> None:
    """``post_migrate`` of this app (sent after every migration of every app has run)."""
    with connections[using].cursor() as cursor:
        tables = connections[using].introspection.table_names(cursor)
    if AuthorisationEvent._meta.db_table in tables:
        authorisation_log_reconcile()
