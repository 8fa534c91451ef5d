"""Business logic for users and roles.

Every grant or revocation of a role goes through ``role_grant`` / ``role_revoke`` (or
``user_roles_set``), so that the party rules are checked in one place.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.roles import ROLE_ELIGIBILITY, Role, role_may_be_held_by
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
def role_grant(user: User, role: Role) -> None:
    role_assert_grantable(user.party, role)
    user.groups.add(Group.objects.get(name=role.group_name))


@transaction.atomic
def role_revoke(user: User, role: Role) -> None:
    user.groups.remove(Group.objects.get(name=role.group_name))


@transaction.atomic
def user_roles_set(user: User, roles: Iterable[Role]) -> None:
    """Give ``user`` exactly ``roles``; refuses (changing nothing) if any is not grantable."""
    wanted = set(roles)
    for role in wanted:
        role_assert_grantable(user.party, role)
    current = user_roles(user)
    for role in current - wanted:
        role_revoke(user, role)
    for role in wanted - current:
        role_grant(user, role)


def user_may_log_in(user: User) -> bool:
    """Active, and the user's party still takes part in the convenant (art. 18.2)."""
    return bool(user.is_active) and user.party.is_participating()
