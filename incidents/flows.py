"""The incident and data-breach flow (art. 15.2g; AVG art. 33/34).

register → classify → (breach) notify the AP → decide on informing data subjects → measures → end
                    → (no breach) measures → end
Every human task has an explicit permission (declared in ``IncidentProcess.Meta``); who may see
incidents at all (kernpartijen, the uitvoerder) is narrowed in ``has_view_permission``.
"""

from __future__ import annotations

from viewflow import this
from viewflow.workflow import flow

from flows.locks import savepoint_select_for_update_lock
from incidents import selectors, views
from incidents.models import IncidentProcess


class IncidentFlow(flow.Flow):
    process_class = IncidentProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks
    process_title = "Incident of datalek"
    process_description = "Beveiligingsincidenten en datalekken melden, classificeren en afhandelen."
    process_summary_template = "{{ process.reference|default:'Nieuw incident' }}"

    register = (
        flow.Start(views.IncidentRegisterView.as_view())
        .Annotation(title="Incident melden")
        .Permission("incidents.register_incident")
        .Next(this.classify)
    )
    classify = (
        flow.View(views.IncidentClassifyView.as_view())
        .Annotation(title="Classificeren: datalek of niet")
        .Permission("incidents.classify_incident")
        .Next(this.breach_check)
    )
    breach_check = (
        flow.If(lambda activation: bool(activation.process.is_breach)).Then(this.notify_ap).Else(this.measures)
    )
    notify_ap = (
        flow.View(views.IncidentNotifyApView.as_view())
        .Annotation(title="Melding aan de Autoriteit Persoonsgegevens (72 uur)")
        .Permission("incidents.notify_ap_incident")
        .Next(this.inform_subjects)
    )
    inform_subjects = (
        flow.View(views.IncidentSubjectsView.as_view())
        .Annotation(title="Besluit over informeren van betrokkenen")
        .Permission("incidents.inform_subjects_incident")
        .Next(this.measures)
    )
    measures = (
        flow.View(views.IncidentMeasuresView.as_view())
        .Annotation(title="Maatregelen vastleggen en afhandelen")
        .Permission("incidents.close_incident")
        .Next(this.end)
    )
    end = flow.End()

    def has_view_permission(self, user, obj=None) -> bool:
        return super().has_view_permission(user, obj=obj) and selectors.incident_may_see(user)

    def has_manage_permission(self, user, obj=None) -> bool:
        return super().has_manage_permission(user, obj=obj) and selectors.incident_may_see(user)
