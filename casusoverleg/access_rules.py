"""Access rules of the casusoverleg file (art. 9.1, 9.4, 10.4, 10.5, 13.2), declared once.

Screens (``casusoverleg.views``, the task screens of ``flows.casusoverleg``), the work list and its search, the
PDF of the plan and the flow's task assignment (``casusoverleg.selectors``) all test these
predicates, so a rule is written once:

* the uitvoerder of a kernpartij keeps every active file (art. 5, 10.1, 10.3);
* a casusoverleg-deelnemer of a kernpartij or casuspartij sees the files of the cases their
  party takes part in (art. 9.1, 10.4);
* a user of an externe casuspartner that takes part sees the plan only (art. 10.5; what was
  disclosed with consent is added on the plan page, ``selectors.disclosed_kinds``);
* a kernpartij user with the closure permission (the weegploeglid role) decides on closure
  (art. 9.4), and sees the closure task and the advice, nothing else of the file;
* an archived file is out of reach of every work screen (art. 13.2).

Superuser status counts for nothing: only roles (by their code) and the role table's
permissions open these rules.
"""

from __future__ import annotations

import rules

from access.predicates import (
    has_role,
    holds_permission,
    is_casuspartij,
    is_external_partner,
    is_kernpartij,
    is_uitvoerder,
)
from access.registry import access_rule
from accounts.roles import Role
from casusoverleg.models import CasusParticipant
from core.processes import ProcessKind, process_flow
from weegploeg.access_rules import file_is_active

DECIDE_PERMISSION = "casusoverleg.casusoverleg_decide_closure"

# --- Who (the user alone) ---------------------------------------------------------------------------
casus_uitvoerder = is_uitvoerder  # art. 5, 10.1, 10.3
casus_deelnemer = (is_kernpartij | is_casuspartij) & has_role(Role.CASUSOVERLEG_DEELNEMER)  # art. 9.1
casus_external = is_external_partner & has_role(Role.EXTERNE_CASUSPARTNER)  # art. 10.5
may_decide_closure = is_kernpartij & holds_permission(DECIDE_PERMISSION)  # art. 9.4


# --- On which case ---------------------------------------------------------------------------------
@rules.predicate(name="eigen partij neemt deel aan de casus")
def party_takes_part(user, target) -> bool:
    """The user's party takes part in this case (a ``CasusParticipant``, art. 9.1). ``target`` is
    a file, or a task screen's object carrying its file as ``.file``."""
    file = getattr(target, "file", target)
    party_id = getattr(user, "party_id", None)
    if file is None or party_id is None or getattr(file, "pk", None) is None:
        return False
    return CasusParticipant.objects.filter(file_id=file.pk, party_id=party_id).exists()


@rules.predicate(name="taak is het besluit over afsluiting")
def is_closure_task(user, target) -> bool:
    """The task is the kernpartijen's decision on closure (art. 9.4)."""

    task = getattr(target, "task", None)
    return task is not None and task.flow_task is process_flow(ProcessKind.CASUSOVERLEG).decide_closure


sees_file = file_is_active & (casus_uitvoerder | (casus_deelnemer & party_takes_part))
sees_plan = sees_file | (file_is_active & casus_external & party_takes_part)
works_on_task = sees_file | (file_is_active & is_closure_task & may_decide_closure)
has_worklist = casus_uitvoerder | casus_deelnemer | casus_external | may_decide_closure


def _with(permission: str) -> rules.Predicate:
    """Full access to the case plus the task's permission from the role table."""
    return sees_file & holds_permission(permission)


FULL_TEXT = "Deelnemers van een deelnemende partij en de uitvoerder; niet na archivering (art. 9.1, 10.4, 13.2)"

access_rule(
    "casusoverleg.view_worklist",
    has_worklist,
    "Uitvoerder, casusoverleg-deelnemers, externe casuspartners en kernpartijen die over afsluiting "
    "besluiten; de lijst toont alleen de casussen die de gebruiker mag zien (art. 9.1, 9.4, 10.4, 10.5)",
)
access_rule("casusoverleg.view_file", sees_file, FULL_TEXT)
access_rule(
    "casusoverleg.view_plan",
    sees_plan,
    "Als het dossier, en een externe casuspartner die aan de casus deelneemt: alleen het plan (art. 10.5, 13.2)",
)
access_rule("casusoverleg.draft_plan", _with("casusoverleg.change_planversion"), FULL_TEXT + "; plan opstellen")
access_rule(
    "casusoverleg.adopt_plan", _with("casusoverleg.casusoverleg_adopt_plan"), FULL_TEXT + "; plan vaststellen (9.3)"
)
access_rule(
    "casusoverleg.record_participant", _with("casusoverleg.add_casusparticipant"), FULL_TEXT + "; deelnemers (9.1)"
)
access_rule("casusoverleg.record_person", _with("casusoverleg.add_casusperson"), FULL_TEXT + "; personen (10.2f-g)")
access_rule(
    "casusoverleg.record_contribution", _with("casusoverleg.add_datacontribution"), FULL_TEXT + "; inbreng (6, 9.2)"
)
access_rule("casusoverleg.request_advice", _with("casusoverleg.add_advicerequest"), FULL_TEXT + "; advies (9.5)")
access_rule(
    "casusoverleg.record_advice_answer", _with("casusoverleg.change_advicerequest"), FULL_TEXT + "; advies (9.5)"
)
access_rule("casusoverleg.disclose", _with("casusoverleg.add_disclosure"), FULL_TEXT + "; verstrekkingen (10.5)")
access_rule(
    "casusoverleg.set_review_interval",
    _with("casusoverleg.change_casusoverlegfile"),
    FULL_TEXT + "; termijn voortgangsbespreking (9.4)",
)
access_rule(
    "casusoverleg.work_task",
    works_on_task,
    "Als het dossier; het besluit over afsluiting ook voor kernpartijen met het recht daartoe (art. 9.4, 10.4, 13.2)",
)
access_rule(
    "casusoverleg.reassign_task",
    file_is_active & casus_uitvoerder,
    "De uitvoerder van een kernpartij wijst een taak van de casus toe aan een collega (art. 5, 10.1); "
    "niet na archivering (art. 13.2)",
)
access_rule(
    "casusoverleg.review_accuracy",
    file_is_active & casus_uitvoerder & holds_permission("flows.casusoverleg_accuracy_review"),
    "De uitvoerder van een kernpartij controleert het dossier periodiek op juistheid (art. 10.3); "
    "niet na archivering (art. 13.2)",
)
