"""Process models of the workflows (django-viewflow 2).

The case data live in the apps' own tables (``weegploeg.WeegploegFile`` links to its process);
these proxy models carry the task permissions (declared here, in ``Meta``, so that
``makemigrations`` sees them; viewflow's ``auto_create`` would only add them at import time).
"""

from __future__ import annotations

from viewflow.workflow.models import Process

TASK_DEFAULT_PERMISSIONS = ("add", "change", "delete", "view", "manage")


class WeegploegProcess(Process):
    """A signal on its way through the weegploeg (art. 7): analyse, besluit, informatieplicht."""

    class Meta:
        proxy = True
        verbose_name = "weegploegproces"
        verbose_name_plural = "weegploegprocessen"
        default_permissions = TASK_DEFAULT_PERMISSIONS
        permissions = [
            ("weegploeg_analyse", "Mag signalen analyseren met het referentiekader (art. 7.3)"),
            ("weegploeg_supply_information", "Mag aanvullende informatie aanleveren voor de weegploeg (art. 7.4)"),
            ("weegploeg_decide", "Mag besluiten tot (niet) agenderen (art. 7.4)"),
            ("weegploeg_information_duty", "Mag de informatieplicht vastleggen (art. 11.2-4)"),
        ]


class AccuracyReviewProcess(Process):
    """The periodic check of a weegploeg file for correctness and completeness (art. 8.3)."""

    class Meta:
        proxy = True
        verbose_name = "controle op juistheid"
        verbose_name_plural = "controles op juistheid"
        default_permissions = TASK_DEFAULT_PERMISSIONS
        permissions = [
            ("weegploeg_accuracy_review", "Mag weegploegdossiers periodiek controleren (art. 8.3)"),
        ]
