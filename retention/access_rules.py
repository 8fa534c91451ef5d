"""Access rules of retention (art. 13), declared once for the screens and the services' guards."""

from __future__ import annotations

from access.predicates import has_role, holds_permission, is_kernpartij
from access.registry import access_rule
from accounts.roles import Role

# Art. 13.2: archived files are consulted only by kernpartijen, by users with a casework role.
CONSULT_ROLES = (Role.UITVOERDER, Role.WEEGPLOEGLID, Role.CASUSOVERLEG_DEELNEMER)

# Art. 13.1, 13.4: the uitvoerder (for the kernpartijen, the controller) approves destruction
# lists, places and ends holds and records reactivation orders (``retention.manage_retention``
# in the role table of ``accounts.roles``).
may_manage_retention = is_kernpartij & holds_permission("retention.manage_retention")
may_consult_archive = is_kernpartij & has_role(*CONSULT_ROLES)

access_rule(
    "retention.manage_terms",
    may_manage_retention,
    "De uitvoerder van een kernpartij: bewaartermijnen, vernietigingslijsten, blokkades en heractivering "
    "(art. 13.1, 13.4)",
)
access_rule(
    "retention.consult_archive",
    may_consult_archive,
    "Uitvoerders, weegploegleden en casusoverleg-deelnemers van een kernpartij, met een reden (art. 13.2)",
)
