"""Issue 12 / art. 15.2e: every work screen is declared through the one access entry point.

The URL patterns are found by introspection, so a new screen that skips the entry point fails
here without anyone having to remember to add it to a list.
"""

from __future__ import annotations

import rules

from access.registry import RULE_DESCRIPTIONS
from tests.access.urls import work_patterns


def test_art_15_2e_every_work_url_is_declared_through_the_entry_point():
    patterns = work_patterns()
    assert len(patterns) > 40  # the walk reaches the work environment's patterns at all
    undeclared = sorted(f"{p.route} ({p.name})" for p in patterns if p.screen is None)
    assert undeclared == []


def test_art_15_2e_every_declaration_names_a_known_rule_a_purpose_and_a_log_type():
    for pattern in work_patterns():
        screen = pattern.screen
        assert screen.rule in RULE_DESCRIPTIONS, (pattern.route, screen.rule)
        assert rules.perm_exists(screen.rule)
        assert screen.purpose.strip()
        assert len(screen.purpose) <= 200
        assert screen.object_type
        assert screen.screen_ref
