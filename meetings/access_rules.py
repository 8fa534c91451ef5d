"""Access rules of the meetings screens (issue 14 item 5; art. 5, 8.4, 9.4)."""

from __future__ import annotations

from access.predicates import has_role, is_kernpartij, is_uitvoerder
from access.registry import access_rule
from accounts.roles import Role

# Agendas name weegploeg and casusoverleg files by number: for the kernpartijen's weegploegleden
# and uitvoerders (art. 8.4), who also take the decisions (art. 7.4, 9.4).
may_see_meetings = is_kernpartij & has_role(Role.WEEGPLOEGLID, Role.UITVOERDER)
# The uitvoerder prepares meetings: creates them, sets the agenda and records attendance (art. 5).
may_manage_meetings = is_uitvoerder

access_rule(
    "meetings.view_meetings",
    may_see_meetings,
    "Weegploegleden en uitvoerders van een kernpartij (art. 8.4)",
)
access_rule(
    "meetings.manage_meetings",
    may_manage_meetings,
    "De uitvoerder van een kernpartij (art. 5)",
)
