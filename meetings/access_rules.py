"""Access rules of the meetings screens and of the four-eyes confirmation (issue 14 item 5, issue 13
item 8; art. 5, 7.4, 8.4, 9.4)."""

from __future__ import annotations

import rules

from access.predicates import has_role, holds_permission, is_kernpartij, is_uitvoerder
from access.registry import access_rule
from accounts.roles import Role
from meetings.proposals import decision_may_confirm

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


# --- Four eyes as the confirmer's own act (art. 7.4, 9.4; issue 13 item 8) --------------------------

# Whoever may take a weegploeg decision or a closure decision may be asked to confirm one.
may_take_decisions = is_kernpartij & (
    holds_permission("flows.weegploeg_decide") | holds_permission("casusoverleg.casusoverleg_decide_closure")
)


@rules.predicate(name="tweede persoon van een andere kernpartij, niet de besluiter en geen informatieleverancier")
def confirms_this_decision(user, proposal) -> bool:
    return decision_may_confirm(user, proposal)


access_rule(
    "meetings.view_pending_decisions",
    may_take_decisions,
    "Wie een besluit van de weegploeg of over afsluiting mag nemen, van een kernpartij (art. 7.4, 9.4)",
)
access_rule(
    "meetings.confirm_decision",
    may_take_decisions & confirms_this_decision,
    "Een tweede persoon van een andere kernpartij dan de besluiter, die dit besluit ook mag nemen en geen "
    "informatie voor het dossier aanleverde (art. 7.4, 9.4)",
)
