"""Access rules of the authorisation log, the periodic rights review (art. 15.2c, f) and the
security plan (art. 15.2-3), declared once for the screens, their lists and the services."""

from __future__ import annotations

from access.predicates import holds_permission, is_kernpartij, is_own_party, is_staff_member
from access.registry import access_rule

# Art. 15.2c: the uitvoerder sees every authorisation event, a functioneel beheerder those of the
# own party (the list is filtered by ``sees_all_parties``).
may_view_events = is_kernpartij & holds_permission("authorisations.view_authorisationevent")
may_view_reviews = is_kernpartij & holds_permission("authorisations.view_rightsreview")
sees_all_parties = holds_permission("authorisations.view_all_rightsreviews")
# Art. 15.2f: the party's own functioneel beheerder (its contact for rights) carries out the review.
may_manage_reviews = is_kernpartij & holds_permission("authorisations.add_rightsreview")
may_record_evaluation = is_kernpartij & holds_permission("authorisations.add_securityplanevaluation")

access_rule(
    "authorisations.view_events",
    may_view_events,
    "De uitvoerder (alle partijen) en de functioneel beheerder van een kernpartij (eigen partij) (art. 15.2c)",
)
access_rule(
    "authorisations.view_reviews",
    may_view_reviews,
    "De uitvoerder (alle partijen) en de functioneel beheerder van een kernpartij (eigen partij) (art. 15.2f)",
)
access_rule(
    "authorisations.view_rights_review",
    may_view_reviews & (sees_all_parties | is_own_party),
    "De uitvoerder, of de functioneel beheerder van de partij zelf (art. 15.2f)",
)
access_rule(
    "authorisations.manage_rights_review",
    may_manage_reviews & is_own_party,
    "De functioneel beheerder van een kernpartij, alleen voor de eigen partij (art. 15.2f)",
)
access_rule(
    "authorisations.view_security_plan",
    is_staff_member,
    "Iedere medewerker van een deelnemende partij (art. 15.2-15.3)",
)
access_rule(
    "authorisations.record_security_plan_evaluation",
    may_record_evaluation,
    "De uitvoerder van een kernpartij legt de jaarlijkse evaluatie vast (art. 15.3)",
)
