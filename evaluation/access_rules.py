"""Art. 18.4: the parties evaluate the convenant; the figures are for kernpartij users."""

from access.predicates import has_any_role, is_kernpartij
from access.registry import access_rule

access_rule(
    "evaluation.view_figures",
    is_kernpartij & has_any_role,
    "Art. 18.4: gebruikers van kernpartijen, waaronder de uitvoerder (cijfers zonder persoonsgegevens)",
)
