"""The incident and data-breach flow (art. 15.2g; AVG art. 33/34).

register → classify → (breach) notify the AP → decide on informing data subjects → measures → end
                    → (no breach) measures → end
Every human task has an explicit permission (declared in ``IncidentProcess.Meta``); who may see
incidents at all (kernpartijen, the uitvoerder) is narrowed in ``has_view_permission``.
``incidents.services.incident_start`` starts the flow (through ``core.processes``); its nodes are
bound to the one task screen (``flows.screens``), whose step forms are the incident's own model
forms: the values go onto the process and ``incidents.services.incident_task_complete`` moves on.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.models import Task

from flows.locks import savepoint_select_for_update_lock
from flows.screens import Step, TaskScreens, task_views
from incidents import selectors, services
from incidents.forms import IncidentClassifyForm, IncidentMeasuresForm, IncidentNotifyApForm, IncidentSubjectsForm
from incidents.models import IncidentProcess


@dataclass
class TaskOnIncident:
    """An incident task with its incident: the object the task screens' rules are tested on
    (``.task`` for the task rules; ``.file`` and ``.reference`` for the screens and the log)."""

    task: Task
    file: IncidentProcess

    @property
    def reference(self) -> str:
        return self.file.reference or f"incident-{self.file.pk}"


def task_target(task: Task) -> TaskOnIncident | None:
    process = IncidentProcess.objects.select_related("reporter_party").filter(pk=task.process_id).first()
    return TaskOnIncident(task, process) if process is not None else None


def _step(form_class) -> Step:
    return Step(
        form=lambda ctx: form_class(ctx.data, instance=ctx.file),
        complete=lambda ctx, form: services.incident_task_complete(ctx.task, user=ctx.user, form=form),
    )


def _panel_context(request, target: TaskOnIncident) -> dict:
    # What is stored, not the step form's values (a form with errors changed its instance in memory).
    return {"incident": IncidentProcess.objects.get(pk=target.file.pk)}


SCREENS = TaskScreens(
    namespace="incidents",
    label="incidenten",
    object_type="incident",
    screen_ref="incident",
    flows=lambda: (IncidentFlow,),
    target=task_target,
    rule="incidents.view_register",
    work_rule="incidents.work_task",
    panel="incidents/_task_panel.html",
    panel_context=_panel_context,
    done_url=lambda target: reverse("incidents:detail", kwargs={"reference": target.reference}),
    back=lambda target: (reverse("incidents:detail", args=[target.reference]), "Terug naar het incident"),
    noun="incident",
    number=lambda target: target.reference,
    crumb="incidents/_task_crumb.html",
    steps={
        "classify": _step(IncidentClassifyForm),
        "notify_ap": _step(IncidentNotifyApForm),
        "inform_subjects": _step(IncidentSubjectsForm),
        "measures": _step(IncidentMeasuresForm),
    },
)
VIEWS = task_views(SCREENS)


class IncidentFlow(flow.Flow):
    process_class = IncidentProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks
    process_title = "Incident of datalek"
    process_description = "Beveiligingsincidenten en datalekken melden, classificeren en afhandelen."
    process_summary_template = "{{ process.reference|default:'Nieuw incident' }}"

    register = flow.StartHandle(this.start_incident).Annotation(title="Incident melden").Next(this.classify)
    classify = (
        flow.View(VIEWS.detail)
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
        flow.View(VIEWS.detail)
        .Annotation(title="Melding aan de Autoriteit Persoonsgegevens (72 uur)")
        .Permission("incidents.notify_ap_incident")
        .Next(this.inform_subjects)
    )
    inform_subjects = (
        flow.View(VIEWS.detail)
        .Annotation(title="Besluit over informeren van betrokkenen")
        .Permission("incidents.inform_subjects_incident")
        .Next(this.measures)
    )
    measures = (
        flow.View(VIEWS.detail)
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
