"""Access rule of the staff start page (``/werk/``)."""

from __future__ import annotations

from access.predicates import is_functioneel_beheerder, is_staff_member
from access.registry import access_rule

access_rule(
    "accounts.view_start_page",
    is_staff_member,
    "Iedere medewerker van een deelnemende partij, met of zonder rol (de startpagina toont links, aantallen, "
    "eigen taken en termijnen, elk alleen voor wat de gebruiker zelf mag zien)",
)

# Issue 17 item 4 (lost authenticator): the functioneel beheerder manages users (art. 15.2c) and so
# resets a user's second factor; never their own (``accounts.second_factor``).
access_rule(
    "accounts.reset_second_factor",
    is_functioneel_beheerder,
    "De functioneel beheerder van een kernpartij zet de tweede factor van een gebruiker terug (art. 15.2c)",
)
