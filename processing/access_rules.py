"""Art. 4-5: the uitvoerder keeps the register of processing; the functioneel beheerder reads it."""

from access.predicates import has_role, is_kernpartij, is_uitvoerder
from access.registry import access_rule
from accounts.roles import Role

access_rule(
    "processing.view_register",
    is_kernpartij & has_role(Role.UITVOERDER, Role.FUNCTIONEEL_BEHEERDER, Role.FUNCTIONARIS_GEGEVENSBESCHERMING),
    "Art. 4-5 convenant, art. 30 AVG: de uitvoerder houdt het register bij; beheerder en FG lezen mee",
)
access_rule(
    "processing.change_register",
    is_uitvoerder,
    "Art. 5: de uitvoerder houdt het verwerkingsregister bij",
)
