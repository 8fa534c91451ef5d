"""The stored editions of the convenant PDF (art. 11.1: the published text, also on paper)."""

from __future__ import annotations

from django.db import models


class StoredPdf(models.Model):
    """One rendered edition of the convenant PDF (with its annexes and the party registry).

    A new edition is stored whenever a publication changes what the PDF shows (``pages.pdf_store``);
    old editions stay available from ``/convenant/versies/``. The bytes live in the database, so
    every worker serves the same file without rendering it.
    """

    key = models.CharField(max_length=64, db_index=True, editable=False)
    convenant_revision_id = models.PositiveBigIntegerField(editable=False)
    content = models.BinaryField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    size = models.PositiveIntegerField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "opgeslagen convenant-PDF"
        verbose_name_plural = "opgeslagen convenant-PDF’s"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Convenant-PDF {self.pk} ({self.created_at:%Y-%m-%d %H:%M})"
