"""The weegploeg flow (art. 7, 8, 11.2-4) and the periodic accuracy review (art. 8.3).

intake (``weegploeg.services.signal_register`` starts it) → analyse → [meer informatie nodig →
aanleveren → analyse] → besluit → informatieplicht → [agenderen: kopie naar het
casusoverlegdossier] → einde.

Every human task has an explicit permission (declared in ``flows.models``); the per-party
checks (a named kernpartij supplies information) sit in ``PartyTask.can_assign``. The flow
takes a ``SELECT ... FOR UPDATE NOWAIT`` lock on the process row for every transition, inside a
transaction. The task screens are the project's own Dutch views (``flows.views``): viewflow's
own screens are not mounted for this flow, because they check only model-wide permissions.
"""

from __future__ import annotations

from viewflow import this
from viewflow.workflow import flow

from flows.locks import savepoint_select_for_update_lock
from flows.models import AccuracyReviewProcess, WeegploegProcess
from weegploeg.models import FileStatus, InformationRequest, Outcome, WeegploegFile


def _task_view(request, *args, **kwargs):  # pragma: no cover - never mounted (see module docstring)
    from django.http import Http404

    raise Http404


def _open_request_party(process):
    request = (
        InformationRequest.objects.filter(file__process_id=process.pk, answered_at__isnull=True)
        .select_related("party")
        .order_by("-pk")
        .first()
    )
    return request.party if request else None


class PartyTask(flow.View):
    """A human task for the users of one named party (the task's permission object)."""

    def can_assign(self, user, task):
        if task.owner_id or user is None or user.is_anonymous:
            return False
        if not task.owner_permission or not user.has_perm(task.owner_permission):
            return False
        return task.owner_permission_obj_pk is not None and str(user.party_id) == task.owner_permission_obj_pk


class WeegploegFlow(flow.Flow):
    """Weegploeg

    Een signaal van een kernpartij wordt gewogen tegen het referentiekader en leidt tot een besluit.
    """

    process_class = WeegploegProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks

    start = flow.StartHandle(this.start_process).Annotation(title="Signaal ingebracht").Next(this.analyse)
    analyse = (
        flow.View(_task_view)
        .Annotation(title="Analyse met het referentiekader")
        .Permission("flows.weegploeg_analyse")
        .Next(this.after_analysis)
    )
    after_analysis = (
        flow.If(this.needs_information)
        .Annotation(title="Meer informatie nodig?")
        .Then(this.supply_information)
        .Else(this.decide)
    )
    supply_information = (
        PartyTask(_task_view)
        .Annotation(title="Aanvullende informatie aanleveren")
        .Permission("flows.weegploeg_supply_information", obj=_open_request_party)
        .Next(this.analyse)
    )
    decide = (
        flow.View(_task_view)
        .Annotation(title="Besluit: agenderen of niet")
        .Permission("flows.weegploeg_decide")
        .Next(this.information_duty)
    )
    information_duty = (
        flow.View(_task_view)
        .Annotation(title="Informatieplicht (art. 11)")
        .Permission("flows.weegploeg_information_duty")
        .Next(this.after_duty)
    )
    after_duty = (
        flow.If(this.is_agendered)
        .Annotation(title="Geagendeerd?")
        .Then(this.open_casusoverleg)
        .Else(this.end_not_agendered)
    )
    open_casusoverleg = (
        flow.Function(this.copy_to_casusoverleg)
        .Annotation(title="Kopie naar casusoverlegdossier")
        .Next(this.end_agendered)
    )
    end_agendered = flow.End().Annotation(title="Geagendeerd voor casusoverleg")
    end_not_agendered = flow.End().Annotation(title="Niet geagendeerd")

    def start_process(self, activation, file: WeegploegFile):
        activation.process.artifact = file
        return activation.process

    def needs_information(self, activation) -> bool:
        return WeegploegFile.objects.filter(
            process_id=activation.process.pk, status=FileStatus.MEER_INFORMATIE
        ).exists()

    def is_agendered(self, activation) -> bool:
        return WeegploegFile.objects.filter(
            process_id=activation.process.pk, decision__outcome=Outcome.AGENDEREN
        ).exists()

    def copy_to_casusoverleg(self, activation) -> None:
        from casusoverleg.services import casusoverleg_file_open_from_weegploeg

        file = WeegploegFile.objects.select_related("subject").get(process_id=activation.process.pk)
        decision = file.decision
        casusoverleg_file_open_from_weegploeg(file, by=decision.decided_by)


class AccuracyReviewFlow(flow.Flow):
    """Controle op juistheid

    Periodieke controle van een weegploegdossier op juistheid en volledigheid (art. 8.3).
    """

    process_class = AccuracyReviewProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks

    start = flow.StartHandle(this.start_process).Annotation(title="Dossier aangemaakt").Next(this.review)
    review = (
        flow.View(_task_view)
        .Annotation(title="Controle op juistheid (art. 8.3)")
        .Permission("flows.weegploeg_accuracy_review")
        .Next(this.again)
    )
    again = flow.If(this.file_remains).Annotation(title="Dossier bestaat nog?").Then(this.review).Else(this.end)
    end = flow.End().Annotation(title="Beëindigd")

    def start_process(self, activation, file: WeegploegFile):
        activation.process.artifact = file
        return activation.process

    def file_remains(self, activation) -> bool:
        return WeegploegFile.objects.filter(pk=activation.process.artifact_object_id).exists()
