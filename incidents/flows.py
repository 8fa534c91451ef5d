"""The incident and data-breach flow (art. 15.2g; AVG art. 33/34).

register → classify → (breach) notify the AP → decide on informing data subjects → measures → end
                    → (no breach) measures → end
Every human task has an explicit permission (declared in ``IncidentProcess.Meta``); who may see
incidents at all (kernpartijen, the uitvoerder) is narrowed in ``has_view_permission``.
The screens are the project's own Dutch views (``incidents.views``, ``incidents.task_views``):
``incidents.services.incident_start`` starts the flow, the task screens complete its tasks through
``flows.services``; viewflow's own (Material) screens are not mounted for this flow.
"""

from __future__ import annotations

from viewflow import this
from viewflow.workflow import flow

from flows.locks import savepoint_select_for_update_lock
from incidents import selectors
from incidents.models import IncidentProcess


def _task_view(request, *args, **kwargs):  # pragma: no cover - never mounted (see module docstring)
    from django.http import Http404

    raise Http404


class IncidentFlow(flow.Flow):
    process_class = IncidentProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks
    process_title = "Incident of datalek"
    process_description = "Beveiligingsincidenten en datalekken melden, classificeren en afhandelen."
    process_summary_template = "{{ process.reference|default:'Nieuw incident' }}"

    register = flow.StartHandle(this.start_incident).Annotation(title="Incident melden").Next(this.classify)
    classify = (
        flow.View(_task_view)
        .Annotation(title="Classificeren: datalek of niet")
        .Permission("incidents.classify_incident")
        .Next(this.breach_check)
    )
    breach_check = (
        flow.If(lambda activation: bool(activation.process.is_breach))
        .Annotation(title="Datalek?")
        .Then(this.notify_ap)
        .Else(this.measures)
    )
    notify_ap = (
        flow.View(_task_view)
        .Annotation(title="Melding aan de Autoriteit Persoonsgegevens (72 uur)")
        .Permission("incidents.notify_ap_incident")
        .Next(this.inform_subjects)
    )
    inform_subjects = (
        flow.View(_task_view)
        .Annotation(title="Besluit over informeren van betrokkenen")
        .Permission("incidents.inform_subjects_incident")
        .Next(this.measures)
    )
    measures = (
        flow.View(_task_view)
        .Annotation(title="Maatregelen vastleggen en afhandelen")
        .Permission("incidents.close_incident")
        .Next(this.end)
    )
    end = flow.End().Annotation(title="Afgehandeld")

    def start_incident(self, activation, *, title: str, description: str, discovered_at) -> IncidentProcess:
        process = activation.process
        process.title, process.description, process.discovered_at = title, description, discovered_at
        return process

    def has_view_permission(self, user, obj=None) -> bool:
        return super().has_view_permission(user, obj=obj) and selectors.incident_may_see(user)

    def has_manage_permission(self, user, obj=None) -> bool:
        return super().has_manage_permission(user, obj=obj) and selectors.incident_may_see(user)
