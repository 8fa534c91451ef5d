"""Access rules of the rights screens (art. 5, 11.3-5, 12.1), declared once for screens, lists,
PDFs and the rights flow's task assignment."""

from __future__ import annotations

from access.predicates import is_uitvoerder
from access.registry import access_rule

# Art. 5, 12.1: requests of data subjects go to the uitvoerder, who acts for the kernpartijen
# (the controller, art. 4). The same person follows up deferred information duties (art. 11.3-5).
may_handle_rights = is_uitvoerder

access_rule(
    "rights.handle_request",
    may_handle_rights,
    "De uitvoerder van een kernpartij: verzoeken inzage en correctie, termijnen en brieven (art. 5, 12.1)",
)
access_rule(
    "rights.follow_up_information_duty",
    may_handle_rights,
    "De uitvoerder van een kernpartij: uitgestelde informatieplicht opvolgen (art. 11.3-11.5)",
)
