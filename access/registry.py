"""Every access rule by name, with the Dutch sentence the access matrix prints for it.

Apps declare their rules in an ``access_rules`` module (found at start-up by ``AccessConfig``):
``access_rule("casusoverleg.view_file", predicate, "…")``. Screens, lists, search and PDFs test
the same names, so a rule is written once.
"""

from __future__ import annotations

import rules

RULE_DESCRIPTIONS: dict[str, str] = {}


def access_rule(name: str, predicate: rules.Predicate, description: str) -> None:
    if name in RULE_DESCRIPTIONS:
        raise ValueError(f"access rule {name} is declared twice")
    rules.set_perm(name, predicate)
    RULE_DESCRIPTIONS[name] = description
