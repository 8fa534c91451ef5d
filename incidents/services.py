"""Business logic for the incident and data-breach register (art. 15.2g; AVG art. 33/34)."""

from __future__ import annotations

from django.db import transaction
from django.forms.models import construct_instance
from django.utils import timezone

from core import tasks
from core.numbering import number_next
from core.processes import ProcessKind, process_start
from incidents.models import DeadlineState, IncidentProcess
from incidents.selectors import incident_handlers, incidents_needing_escalation
from outbox.services import mail_queue


def _incident_number_last(year: int) -> int:
    # References given before numbering moved to django-sequences: continue after the highest.
    last = (
        IncidentProcess.objects.filter(reference__startswith=f"I-{year}-")
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    return int(last.rsplit("-", 1)[1]) if last else 0


def incident_reference_assign(process: IncidentProcess) -> str:
    """Give ``process`` the next pseudonymous reference of its year, e.g. "I-2026-0007"."""
    year = timezone.localtime(process.registered_at or timezone.now()).year
    with transaction.atomic():
        process.reference = number_next("I", year=year, seed=lambda: _incident_number_last(year))
        IncidentProcess.objects.filter(pk=process.pk).update(reference=process.reference)
    return process.reference


def incident_register(process: IncidentProcess, *, user) -> IncidentProcess:
    """Complete the registration step: who reported it (party), when, and the reference."""
    process.registered_at = timezone.now()
    process.reporter_party_id = user.party_id
    process.save()
    incident_reference_assign(process)
    return process


def incident_start(*, title: str, description: str, discovered_at, user) -> IncidentProcess:
    """Report an incident: start the incident flow (its classify task goes to the handlers) and
    register who reported it, when, and the kenmerk — in one transaction."""
    with transaction.atomic():
        process = process_start(ProcessKind.INCIDENT, title=title, description=description, discovered_at=discovered_at)
        return incident_register(process, user=user)


# What each task of the flow does after its form is applied (the form's fields are saved first).
TASK_EFFECTS = {
    "classify": lambda process: incident_classify(process),
    "measures": lambda process: incident_close(process),
}


def incident_task_complete(task, *, user, form) -> IncidentProcess:
    """Complete ``task`` with a valid step form: the form's values go onto the process the flow
    goes on with (loaded under the flow lock), then the flow moves on — one locked transaction.
    Raises ``core.tasks.TaskUnavailable`` (a Dutch message) when the task was done or taken."""

    def action() -> IncidentProcess:
        process = task.process.coerced  # the very instance the flow's next nodes read and save
        construct_instance(form, process, fields=form._meta.fields)
        process.save()
        effect = TASK_EFFECTS.get(task.flow_task.name)
        if effect is not None:
            effect(process)
        return process

    return tasks.task_complete(task, user, action)


def incident_classify(process: IncidentProcess) -> IncidentProcess:
    process.classified_at = timezone.now()
    process.save()
    return process


def incident_close(process: IncidentProcess) -> IncidentProcess:
    process.closed_at = timezone.now()
    process.save()
    return process


def incidents_escalate(*, now=None) -> list[IncidentProcess]:
    """E-mail the handlers about breaches whose 72-hour deadline is near or past.

    The message names only references and deadlines, never the content of an incident. It is
    queued in the outbox once per incident and deadline state (near, then past): running again
    queues nothing new, and a failing mail server only delays it (``outbox_send`` retries).
    Returns every breach that needs attention.
    """
    now = now or timezone.now()
    urgent = incidents_needing_escalation(now=now)
    if not urgent:
        return []
    recipients = sorted({u.email for u in incident_handlers() if u.email})
    if not recipients:  # nothing is queued, so a later run (once a handler has an address) mails it
        return urgent
    with transaction.atomic():
        for process in urgent:
            state = process.deadline_state(now)
            deadline = timezone.localtime(process.ap_deadline).strftime("%d-%m-%Y %H:%M")
            label = "VERSTREKEN" if state == DeadlineState.OVERDUE else "binnen 24 uur"
            mail_queue(
                subject=f"Datalek {process.reference}: meldtermijn Autoriteit Persoonsgegevens",
                body="Het volgende mogelijke datalek is nog niet afgehandeld bij de AP:\n\n"
                f"- {process.reference}: meldtermijn AP {deadline} ({label})"
                "\n\nOpen het incidentenregister in de werkomgeving.",
                to=recipients,
                dedupe_key=f"datalek:{process.reference}:{state.value}",
            )
    return urgent
