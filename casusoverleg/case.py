"""The casusoverleg file as a whole: its lock, its state, and the correction of its subject.

Every service of the casusoverleg (``agendering``, ``plan``, ``review``, ``registers``, ``closure``)
checks its own preconditions and raises a Dutch ``ValidationError`` (with a ``code``) or
``PermissionDenied``; nothing is changed when it refuses. Task transitions (claim, lock, complete)
run through ``core.tasks``; writes outside a task (a new plan version, participants, persons,
contributions, advice, disclosures) take the same flow lock on the process row
(``SELECT ... FOR UPDATE NOWAIT``, ``case_lock``) so that two people cannot change one case at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.exceptions import FlowLockFailed

from casusoverleg.models import CasusoverlegFile, CasusStatus, CasusSubject
from core.processes import ProcessKind, process_flow
from weegploeg.services import subject_data_write

LOCKED = "Iemand anders wijzigt dit dossier op dit moment. Probeer het over een ogenblik opnieuw."
CLOSED = "Dit plan van aanpak is afgesloten; het dossier kan niet meer worden gewijzigd."


@contextlib.contextmanager
def case_lock(file: CasusoverlegFile):
    """The flow's lock on the case's process row (one transaction), or the file row without one."""
    try:
        if file.process_id:
            with process_flow(ProcessKind.CASUSOVERLEG).lock(file.process_id):
                yield
        else:
            with transaction.atomic():
                CasusoverlegFile.objects.select_for_update().filter(pk=file.pk).exists()
                yield
    except FlowLockFailed as error:
        raise ValidationError(LOCKED, code="dossier_bezet") from error


def case_fresh(file: CasusoverlegFile) -> CasusoverlegFile:
    """The file as stored now; refused once the plan is closed (art. 9.4)."""
    fresh = CasusoverlegFile.objects.get(pk=file.pk)
    if fresh.status == CasusStatus.AFGESLOTEN:
        raise ValidationError(CLOSED, code="dossier_afgesloten")
    return fresh


def case_touch(file: CasusoverlegFile, **fields) -> None:
    """Save ``fields`` and record that the file was processed now (the retention clock, art. 13)."""
    for name, value in fields.items():
        setattr(file, name, value)
    file.last_processed_at = timezone.now()
    file.save(update_fields=[*fields, "last_processed_at"])


def casus_subject_correct(weegploeg_numbers: Iterable[str], changes: dict) -> list[str]:
    """Art. 12.6: carry a decided correction of the subject's data into the casusoverleg file(s)
    copied from these weegploeg files. Returns the casusoverleg file numbers."""
    files = list(
        CasusoverlegFile.objects.select_for_update().filter(source_weegploeg_number__in=list(weegploeg_numbers))
    )
    for file in files:
        subject = CasusSubject.objects.select_for_update().filter(file=file).first()
        if subject is not None:
            subject_data_write(subject, changes)  # the one write path: full_clean() on every write
        case_touch(file)
    return [file.number for file in files]
