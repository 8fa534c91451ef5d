"""The shared vocabulary of access predicates (``rules``), used by every app's ``access_rules``.

Roles are read by their stable code (the group name is the code, never the Dutch label), and
superuser status counts for nothing here: under ``/werk/`` only roles open screens. That is why
nothing in this module calls ``user.has_perm`` (Django answers True to every superuser).
"""

from __future__ import annotations

import rules

from accounts.roles import ROLE_PERMISSIONS, Role
from parties.models import Party, PartyRole


def role_codes(user) -> frozenset[str]:
    """The role codes a user holds; cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    codes = getattr(user, "_access_role_codes", None)
    if codes is None:
        known = {role.value for role in Role}
        codes = frozenset(name for name in user.groups.values_list("name", flat=True) if name in known)
        user._access_role_codes = codes
    return codes


def role_permissions(user) -> frozenset[str]:
    """The permissions the user's roles carry, from the one literal table in ``accounts.roles``."""
    return frozenset(perm for code in role_codes(user) for perm in ROLE_PERMISSIONS[Role(code)])


# Predicate names are Dutch: the access matrix (``access.matrix``) prints them as they combine.


def has_role(*roles: Role) -> rules.Predicate:
    wanted = frozenset(Role(r).value for r in roles)
    name = "rol " + " of ".join(Role(code).label.lower() for code in sorted(wanted))
    return rules.Predicate(lambda user: bool(role_codes(user) & wanted), name=name)


def holds_permission(perm: str) -> rules.Predicate:
    """A model or task permission granted through a role (never through superuser status)."""
    holders = sorted(role.label.lower() for role, perms in ROLE_PERMISSIONS.items() if perm in perms)
    name = "rol " + " of ".join(holders) if holders else f"bevoegdheid {perm} (geen rol)"
    return rules.Predicate(lambda user: perm in role_permissions(user), name=name)


@rules.predicate(name="geverifieerde gebruiker van een deelnemende partij")
def is_staff_member(user) -> bool:
    """A verified, active user whose party takes part in the convenant."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    # django-otp puts ``is_verified`` on every request's user; a user outside a request (a service
    # guard run by a command or job) has none, and the entry point checks verification first.
    verified = getattr(user, "is_verified", None)
    if verified is not None and not verified():
        return False
    party = getattr(user, "party", None)
    return party is not None and party.is_participating()


@rules.predicate(name="kernpartij")
def is_kernpartij(user) -> bool:
    return is_staff_member(user) and user.party.role == PartyRole.KERNPARTIJ


@rules.predicate(name="casuspartij")
def is_casuspartij(user) -> bool:
    return is_staff_member(user) and user.party.role == PartyRole.CASUSPARTIJ


@rules.predicate(name="externe casuspartner")
def is_external_partner(user) -> bool:
    return is_staff_member(user) and user.party.role == PartyRole.EXTERNE_CASUSPARTNER


is_uitvoerder = is_kernpartij & has_role(Role.UITVOERDER)
is_weegploeglid = is_kernpartij & has_role(Role.WEEGPLOEGLID)
is_functioneel_beheerder = is_kernpartij & has_role(Role.FUNCTIONEEL_BEHEERDER)
has_any_role = is_staff_member & rules.Predicate(lambda user: bool(role_codes(user)), name="enige rol")


@rules.predicate
def is_own_party(user, obj) -> bool:
    """The object — a party, or anything of one party (``party_id``) — belongs to the user's party."""
    party_id = obj.pk if isinstance(obj, Party) else getattr(obj, "party_id", None)
    return party_id is not None and party_id == getattr(user, "party_id", None)
