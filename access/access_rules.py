"""Who may read the access matrix: the functioneel beheerder and the uitvoerder (art. 15.2c-d)."""

from access.predicates import has_role, is_kernpartij
from access.registry import access_rule
from accounts.roles import Role

access_rule(
    "access.view_matrix",
    is_kernpartij & has_role(Role.FUNCTIONEEL_BEHEERDER, Role.UITVOERDER),
    "Art. 15.2c-d: autorisaties en logische toegang",
)
