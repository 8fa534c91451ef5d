"""Process models of the workflows (django-viewflow 2).

The case data live in the apps' own tables (``weegploeg.WeegploegFile`` links to its process);
these proxy models carry the task permissions (declared here, in ``Meta``, so that
``makemigrations`` sees them; viewflow's ``auto_create`` would only add them at import time).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
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


class CasusAccuracyReviewProcess(Process):
    """The periodic check of a casusoverleg file for correctness and completeness by the uitvoerder
    (art. 10.3), the casusoverleg's counterpart of ``AccuracyReviewProcess``."""

    class Meta:
        proxy = True
        verbose_name = "controle op juistheid casusoverleg"
        verbose_name_plural = "controles op juistheid casusoverleg"
        default_permissions = TASK_DEFAULT_PERMISSIONS
        permissions = [
            ("casusoverleg_accuracy_review", "Mag casusoverlegdossiers periodiek controleren (art. 10.3)"),
        ]


class CasusAccuracyReview(models.Model):
    """Art. 10.3: the uitvoerder checked the casusoverleg file, and corrected it where needed."""

    file = models.ForeignKey("casusoverleg.CasusoverlegFile", on_delete=models.CASCADE, related_name="accuracy_reviews")
    corrected = models.BooleanField("gegevens aangepast", default=False)
    note = models.TextField("toelichting", max_length=2000)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField("gecontroleerd op", default=timezone.now)

    class Meta:
        verbose_name = "controle op juistheid casusoverleg"
        verbose_name_plural = "controles op juistheid casusoverleg"
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self) -> str:
        return f"Controle op juistheid {self.file.number}"
