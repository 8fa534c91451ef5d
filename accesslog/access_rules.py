"""Access rules of the access-log review screens (art. 15.2e)."""

from __future__ import annotations

from access.predicates import holds_permission, is_kernpartij
from access.registry import access_rule

# Art. 15.2e: the uitvoerder (for the controller) reads and reviews the access log.
may_review_log = is_kernpartij & holds_permission("accesslog.view_accesslogentry")
may_sign_off_review = is_kernpartij & holds_permission("accesslog.add_accesslogreview")

access_rule(
    "accesslog.review_log",
    may_review_log,
    "De uitvoerder van een kernpartij: het toegangslog inzien en filteren (art. 15.2e)",
)
access_rule(
    "accesslog.sign_off_review",
    may_sign_off_review,
    "De uitvoerder van een kernpartij: de periodieke controle van het toegangslog aftekenen (art. 15.2e)",
)
