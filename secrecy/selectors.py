"""Reads for the secrecy overview: acceptances per party (art. 14, 18.2)."""

from __future__ import annotations

from django.db.models import QuerySet

from parties.models import Party
from secrecy.access_rules import may_view_overview, sees_all_parties
from secrecy.models import SecrecyAcceptance


def secrecy_overview_allowed(user) -> bool:
    """The predicate of the ``secrecy.view_overview`` rule (roles only, no superuser shortcut)."""
    return may_view_overview(user)


def secrecy_parties_visible_to(user) -> QuerySet[Party]:
    """The uitvoerder sees every party; a functioneel beheerder only their own."""
    if not secrecy_overview_allowed(user):
        return Party.objects.none()
    if sees_all_parties(user):
        return Party.objects.order_by("name")
    return Party.objects.filter(pk=user.party_id)


def secrecy_acceptances_for_party(party: Party) -> QuerySet[SecrecyAcceptance]:
    return SecrecyAcceptance.objects.filter(party=party).select_related("user").order_by("-accepted_at")
