"""The rights-request flow (art. 12): identiteit → [inzage] → [besluit correctie → [uitvoeren]] → einde.

``rights.services.rights_request_register`` starts it. Every human task has an explicit permission
(declared in ``RightsRequestProcess.Meta``) and, through ``RightsTask.can_assign``, is only for
the uitvoerder of a participating kernpartij. The flow takes a ``SELECT ... FOR UPDATE NOWAIT``
lock on the process row for every transition. The screens are the project's own Dutch views
(``rights.views``); viewflow's own screens are not mounted for this flow.
"""

from __future__ import annotations

from viewflow import this
from viewflow.workflow import flow

from flows.locks import savepoint_select_for_update_lock
from rights.models import CorrectionDecision, RightsRequest, RightsRequestProcess


def _task_view(request, *args, **kwargs):  # pragma: no cover - never mounted (see module docstring)
    from django.http import Http404

    raise Http404


class RightsTask(flow.View):
    """A human task of a rights request: the task permission plus the uitvoerder rule."""

    def can_assign(self, user, task):
        if not super().can_assign(user, task):
            return False
        from rights.selectors import rights_may_use

        return rights_may_use(user)


class RightsRequestFlow(flow.Flow):
    """Verzoek inzage of correctie

    De uitvoerder behandelt een verzoek van de betrokkene om inzage of correctie (art. 12).
    """

    process_class = RightsRequestProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks

    start = flow.StartHandle(this.start_process).Annotation(title="Verzoek ontvangen").Next(this.identify)
    identify = (
        RightsTask(_task_view)
        .Annotation(title="Identiteit vaststellen (art. 12.3)")
        .Permission("rights.rights_identity")
        .Next(this.after_identity)
    )
    after_identity = (
        flow.If(this.wants_inzage).Annotation(title="Inzage gevraagd?").Then(this.inzage).Else(this.after_inzage)
    )
    inzage = (
        RightsTask(_task_view)
        .Annotation(title="Inzage geven of weigeren (art. 12.3-4)")
        .Permission("rights.rights_inzage")
        .Next(this.after_inzage)
    )
    after_inzage = (
        flow.If(this.wants_correctie)
        .Annotation(title="Correctie gevraagd?")
        .Then(this.correction_decide)
        .Else(this.end)
    )
    correction_decide = (
        RightsTask(_task_view)
        .Annotation(title="Besluiten over correctie (art. 12.5)")
        .Permission("rights.rights_correction_decide")
        .Next(this.after_decision)
    )
    after_decision = (
        flow.If(this.correction_accepted)
        .Annotation(title="Correctie toegewezen?")
        .Then(this.correction_execute)
        .Else(this.end)
    )
    correction_execute = (
        RightsTask(_task_view)
        .Annotation(title="Correctie uitvoeren en partijen inlichten (art. 12.6)")
        .Permission("rights.rights_correction_execute")
        .Next(this.end)
    )
    end = flow.End().Annotation(title="Afgerond")

    def start_process(self, activation, request: RightsRequest):
        activation.process.artifact = request
        return activation.process

    def _request(self, activation) -> RightsRequest:
        return RightsRequest.objects.get(process_id=activation.process.pk)

    def wants_inzage(self, activation) -> bool:
        return self._request(activation).wants_inzage

    def wants_correctie(self, activation) -> bool:
        return self._request(activation).wants_correctie

    def correction_accepted(self, activation) -> bool:
        return self._request(activation).correction_decision in (
            CorrectionDecision.TOEGEWEZEN,
            CorrectionDecision.DEELS,
        )
