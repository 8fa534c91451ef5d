"""Access rules of the party registry's work screen (art. 18.2)."""

from __future__ import annotations

from access.predicates import is_functioneel_beheerder, is_uitvoerder
from access.registry import access_rule

# Art. 18.2: the uitvoerder (for the kernpartijen) or the functioneel beheerder (who keeps the party
# registry) records a party's notice and follows up the open tasks of a party that left.
may_record_notice = is_uitvoerder | is_functioneel_beheerder

access_rule(
    "parties.record_notice",
    may_record_notice,
    "De uitvoerder of de functioneel beheerder van een kernpartij legt de opzegging van een partij vast en "
    "volgt de open taken van een vertrokken partij op (art. 18.2)",
)
