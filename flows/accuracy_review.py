"""The periodic check of a weegploeg file for correctness and completeness (art. 8.3).

One looping process per file (``weegploeg.services.signal_register`` starts it through
``core.processes``): the task stays open until it is done, then the next one is due
``WEEGPLOEG_ACCURACY_REVIEW_MONTHS`` later; the loop ends when the file is gone. Its screen is the
weegploeg's task screen (``flows.weegploeg``), which serves both flows.
"""

from __future__ import annotations

from viewflow import this
from viewflow.workflow import flow

from flows.locks import savepoint_select_for_update_lock
from flows.models import AccuracyReviewProcess
from flows.weegploeg import VIEWS as WEEGPLOEG_TASKS
from weegploeg.models import WeegploegFile
from weegploeg.terms import task_due_record


class AccuracyReviewFlow(flow.Flow):
    """Controle op juistheid

    Periodieke controle van een weegploegdossier op juistheid en volledigheid (art. 8.3).
    """

    process_class = AccuracyReviewProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks

    start = flow.StartHandle(this.start_process).Annotation(title="Dossier aangemaakt").Next(this.review)
    review = (
        flow.View(WEEGPLOEG_TASKS.detail)
        .onCreate(task_due_record)  # the inbox's due date: the file's next check (weegploeg.terms)
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
