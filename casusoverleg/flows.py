"""The casusoverleg flow (art. 9): plan → monitoring → advice to close → closure by the kernpartijen.

start (``casusoverleg.services.casusoverleg_file_open_from_weegploeg`` starts it when the
weegploeg agendered the subject) → vaststellen van het plan → voortgangsbespreking
[herhaald] → [afsluiting geadviseerd] → besluit kernpartijen → [afsluiten] → einde, else back to
the progress review.

Every human task has an explicit permission (declared in ``CasusoverlegProcess.Meta``); the
per-case rule (only users of a participating party; the closure only for kernpartijen) sits in
``CaseTask.can_assign``. The flow takes a ``SELECT ... FOR UPDATE NOWAIT`` lock on the process
row for every transition. The screens are the project's own Dutch views (``casusoverleg.views``);
viewflow's own screens are not mounted for this flow.
"""

from __future__ import annotations

from viewflow import this
from viewflow.workflow import flow

from casusoverleg.models import CasusoverlegFile, CasusoverlegProcess, CasusStatus
from flows.locks import savepoint_select_for_update_lock


def _task_view(request, *args, **kwargs):  # pragma: no cover - never mounted (see module docstring)
    from django.http import Http404

    raise Http404


class CaseTask(flow.View):
    """A human task of one case: the permission, plus the per-case rule of ``casus_may_work``."""

    def can_assign(self, user, task):
        if not super().can_assign(user, task):
            return False
        from casusoverleg.selectors import casus_may_work

        return casus_may_work(user, task)


class CasusoverlegFlow(flow.Flow):
    """Casusoverleg

    Het casusoverleg stelt een integraal plan van aanpak op, monitort het en adviseert de
    kernpartijen over afsluiting (art. 9).
    """

    process_class = CasusoverlegProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks

    start = flow.StartHandle(this.start_process).Annotation(title="Geagendeerd door de weegploeg").Next(this.adopt_plan)
    adopt_plan = (
        CaseTask(_task_view)
        .Annotation(title="Integraal plan van aanpak vaststellen")
        .Permission("casusoverleg.casusoverleg_adopt_plan")
        .Next(this.review)
    )
    review = (
        CaseTask(_task_view)
        .Annotation(title="Voortgangsbespreking")
        .Permission("casusoverleg.casusoverleg_review")
        .Next(this.after_review)
    )
    after_review = (
        flow.If(this.closure_advised)
        .Annotation(title="Afsluiting geadviseerd?")
        .Then(this.decide_closure)
        .Else(this.review)
    )
    decide_closure = (
        CaseTask(_task_view)
        .Annotation(title="Besluit kernpartijen over afsluiting")
        .Permission("casusoverleg.casusoverleg_decide_closure")
        .Next(this.after_decision)
    )
    after_decision = flow.If(this.is_closed).Annotation(title="Afgesloten?").Then(this.end).Else(this.review)
    end = flow.End().Annotation(title="Plan van aanpak afgesloten")

    def start_process(self, activation, file: CasusoverlegFile):
        activation.process.artifact = file
        return activation.process

    def _status(self, activation) -> str | None:
        return (
            CasusoverlegFile.objects.filter(process_id=activation.process.pk).values_list("status", flat=True).first()
        )

    def closure_advised(self, activation) -> bool:
        return self._status(activation) == CasusStatus.AFSLUITING_GEADVISEERD

    def is_closed(self, activation) -> bool:
        return self._status(activation) == CasusStatus.AFGESLOTEN
