"""Access rules of the incident and data-breach register (art. 15.2g; AVG art. 33/34).

Only users of (participating) kernpartijen whose role carries the incident permissions — the
uitvoerder, and the kernpartij representatives who may report — see incidents; the tasks of the
flow go to whoever's role carries that task's permission. Superuser status counts for nothing.
"""

from __future__ import annotations

import rules

from access.predicates import holds_permission, is_kernpartij, role_permissions
from access.registry import access_rule

may_see_incidents = is_kernpartij & holds_permission("incidents.view_incidentprocess")
may_register_incidents = may_see_incidents & holds_permission("incidents.register_incident")


@rules.predicate(name="rol met het recht voor deze taak")
def holds_task_permission(user, target) -> bool:
    """The task's own permission (``.Permission(...)`` in the flow), granted through a role."""
    task = getattr(target, "task", None)
    if task is None:
        return False
    return not task.owner_permission or task.owner_permission in role_permissions(user)


access_rule(
    "incidents.view_register",
    may_see_incidents,
    "Kernpartijen met het recht incidenten in te zien, waaronder de uitvoerder (art. 15.2g)",
)
access_rule(
    "incidents.register",
    may_register_incidents,
    "Kernpartijen met het recht een incident te melden (art. 15.2g)",
)
access_rule(
    "incidents.work_task",
    may_see_incidents & holds_task_permission,
    "Een taak van het incidentproces oppakken, vrijgeven of uitvoeren, met het recht voor die taak "
    "(art. 15.2g); of de taak nog vrij of de eigen is, meldt het scherm zelf",
)
