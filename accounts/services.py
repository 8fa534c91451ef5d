"""Business logic for users and roles.

Every grant, change or revocation of a role or of party membership goes through these functions
(``role_grant`` / ``role_revoke`` / ``user_roles_set`` / ``user_party_change`` /
``user_deactivate`` / ``user_activate`` / ``user_authorisations_save``), so that the party rules are
checked in one place and every change is written to the authorisation log (art. 15.2c) with who,
whom, what, when and why. Revoking a role or deactivating a user ends the user's sessions at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.roles import ROLE_ELIGIBILITY, Role, role_may_be_held_by
from authorisations.models import AuthorisationEventKind
from authorisations.services import authorisation_event_record, authorisation_service_scope, sessions_end
from parties.models import Party, PartyRole


def role_assert_grantable(party: Party, role: Role) -> None:
    """Raise a Dutch ``ValidationError`` when users of ``party`` may not hold ``role``."""
    if not role_may_be_held_by(role, party.role):
        allowed = ", ".join(PartyRole(r).label.lower() for r in sorted(ROLE_ELIGIBILITY[role]))
        raise ValidationError(
            f"De rol ‘{role.label}’ kan niet worden toegekend aan een gebruiker van {party.name}: "
            f"deze rol is alleen voor gebruikers van een {allowed}.",
            code="role_not_allowed_for_party",
        )
    if not party.is_participating():
        raise ValidationError(
            f"{party.name} neemt niet (meer) deel aan het convenant; er kunnen geen rollen worden toegekend.",
            code="party_not_participating",
        )


def user_roles(user: User) -> set[Role]:
    """The roles a user holds (group membership), unknown groups ignored."""
    return {role for name in user.groups.values_list("name", flat=True) if (role := Role.from_group_name(name))}


@transaction.atomic
def role_grant(user: User, role: Role, *, by: User | None = None, reason: str = "") -> None:
    role = Role(role)
    role_assert_grantable(user.party, role)
    if role in user_roles(user):
        return
    with authorisation_service_scope():
        user.groups.add(Group.objects.get(name=role.group_name))
    authorisation_event_record(
        subject=user,
        kind=AuthorisationEventKind.ROLE_GRANTED,
        by=by,
        reason=reason,
        role=role.value,
        new_value=role.label,
    )


@transaction.atomic
def role_revoke(user: User, role: Role, *, by: User | None = None, reason: str = "") -> None:
    """Take ``role`` away; the user's open sessions end at once (their next request goes to login)."""
    role = Role(role)
    if role not in user_roles(user):
        return
    with authorisation_service_scope():
        user.groups.remove(Group.objects.get(name=role.group_name))
    authorisation_event_record(
        subject=user,
        kind=AuthorisationEventKind.ROLE_REVOKED,
        by=by,
        reason=reason,
        role=role.value,
        old_value=role.label,
    )
    sessions_end(user)


@transaction.atomic
def user_roles_set(user: User, roles: Iterable[Role], *, by: User | None = None, reason: str = "") -> None:
    """Give ``user`` exactly ``roles``; refuses (changing nothing) if any is not grantable."""
    wanted = {Role(r) for r in roles}
    for role in wanted:
        role_assert_grantable(user.party, role)
    current = user_roles(user)
    for role in sorted(current - wanted):
        role_revoke(user, role, by=by, reason=reason)
    for role in sorted(wanted - current):
        role_grant(user, role, by=by, reason=reason)


@transaction.atomic
def user_party_change(user: User, party: Party, *, by: User | None = None, reason: str = "") -> None:
    """Move ``user`` to another party: roles the new party may not hold are revoked, sessions end."""
    if user.party_id == party.pk:
        return
    old = user.party
    for role in sorted(user_roles(user)):
        if not role_may_be_held_by(role, party.role):
            role_revoke(user, role, by=by, reason=reason)
    user.party = party
    with authorisation_service_scope():
        user.save(update_fields=["party"])
    authorisation_event_record(
        subject=user,
        kind=AuthorisationEventKind.PARTY_CHANGED,
        by=by,
        reason=reason,
        old_value=old.name,
        new_value=party.name,
    )
    sessions_end(user)


@transaction.atomic
def user_deactivate(user: User, *, by: User | None = None, reason: str = "") -> None:
    """Block the account; every open session ends at once."""
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        authorisation_event_record(subject=user, kind=AuthorisationEventKind.USER_DEACTIVATED, by=by, reason=reason)
    sessions_end(user)


@transaction.atomic
def user_activate(user: User, *, by: User | None = None, reason: str = "") -> None:
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        authorisation_event_record(subject=user, kind=AuthorisationEventKind.USER_ACTIVATED, by=by, reason=reason)


@transaction.atomic
def user_authorisations_save(
    user: User,
    *,
    party: Party,
    roles: Iterable[Role],
    is_active: bool,
    by: User | None,
    reason: str,
) -> User:
    """Save a user from the admin form: other fields as given, authorisations through the log.

    ``user`` carries the form's changes to non-authorisation fields (name, e-mail, password).
    Superuser rights are never changed here (issue 13 item 5): see ``user_superuser_set``.
    """
    roles = [Role(r) for r in roles]
    for role in roles:
        role_assert_grantable(party, role)
    if user.pk is None:
        user.party = party
        user.is_active = is_active
        user.is_superuser = False
        with authorisation_service_scope():
            user.save()
        authorisation_event_record(
            subject=user, kind=AuthorisationEventKind.USER_CREATED, by=by, reason=reason, new_value=party.name
        )
        user_roles_set(user, roles, by=by, reason=reason)
        return user
    before = User.objects.select_related("party").get(pk=user.pk)
    # Authorisation attributes keep their stored values until the services below change them.
    user.party, user.is_active, user.is_superuser = before.party, before.is_active, before.is_superuser
    with authorisation_service_scope():
        user.save()
    if party.pk != before.party_id:
        # Drop roles the new party may not hold first, then move, then set the wanted roles.
        user_party_change(user, party, by=by, reason=reason)
    user_roles_set(user, roles, by=by, reason=reason)
    if is_active and not before.is_active:
        user_activate(user, by=by, reason=reason)
    elif not is_active and before.is_active:
        user_deactivate(user, by=by, reason=reason)
    return user


@transaction.atomic
def user_superuser_set(user: User, is_superuser: bool, *, by: User | None = None, reason: str) -> bool:
    """Grant or revoke superuser rights; only the management command calls this (issue 13 item 5).
    Writes one row to the authorisation log; a revocation ends the user's sessions. Returns
    whether anything changed."""
    if not (reason or "").strip():
        raise ValidationError("Geef de reden van deze wijziging (art. 15.2c).", code="reason_required")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_superuser == is_superuser:
        return False
    user.is_superuser = is_superuser
    with authorisation_service_scope():
        user.save(update_fields=["is_superuser"])
    kind = AuthorisationEventKind.SUPERUSER_GRANTED if is_superuser else AuthorisationEventKind.SUPERUSER_REVOKED
    authorisation_event_record(subject=user, kind=kind, by=by, reason=reason)
    if not is_superuser:
        sessions_end(user)
    return True


def user_may_log_in(user: User) -> bool:
    """Active, and the user's party still takes part in the convenant (art. 18.2)."""
    return bool(user.is_active) and user.party.is_participating()
