"""Access rule of the staff start page (``/werk/``)."""

from __future__ import annotations

from access.predicates import is_staff_member
from access.registry import access_rule

access_rule(
    "accounts.view_start_page",
    is_staff_member,
    "Iedere medewerker van een deelnemende partij, met of zonder rol (de startpagina toont alleen links)",
)
