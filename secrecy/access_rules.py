"""Access rules of the secrecy screens (art. 14, 18.2)."""

from __future__ import annotations

from access.predicates import holds_permission, is_kernpartij, is_own_party, is_staff_member
from access.registry import access_rule

# Art. 14: every staff member accepts the secrecy duty before first access to personal data.
may_accept = is_staff_member
# Art. 14, 18.2: the uitvoerder sees the acceptances of every party, a functioneel beheerder
# those of the own party (also after a party left).
may_view_overview = is_kernpartij & holds_permission("secrecy.view_secrecyacceptance")
sees_all_parties = holds_permission("secrecy.view_all_parties")

access_rule(
    "secrecy.accept_duty",
    may_accept,
    "Iedere medewerker van een deelnemende partij (art. 14)",
)
access_rule(
    "secrecy.view_overview",
    may_view_overview,
    "De uitvoerder en de functioneel beheerder van een kernpartij (art. 14)",
)
access_rule(
    "secrecy.view_party",
    may_view_overview & (sees_all_parties | is_own_party),
    "De uitvoerder (alle partijen) of de functioneel beheerder van de eigen partij (art. 14, 18.2)",
)
