"""The two kinds of file retention works on (art. 13): their models, their names in the access
log, and finding a file by its number."""

from __future__ import annotations

from django.db import models

from casusoverleg.models import CasusoverlegFile
from retention.models import FileKind
from weegploeg.models import WeegploegFile

OBJECT_TYPES = {FileKind.WEEGPLOEG: "weegploeg_file", FileKind.CASUSOVERLEG: "casusoverleg_file"}


def file_model(kind: str) -> type[models.Model]:
    return CasusoverlegFile if kind == FileKind.CASUSOVERLEG else WeegploegFile


def kind_of(number: str) -> str | None:
    """The kind of the file with this number, or None when there is none."""
    number = (number or "").strip().upper()
    if WeegploegFile.objects.filter(number=number).exists():
        return FileKind.WEEGPLOEG
    if CasusoverlegFile.objects.filter(number=number).exists():
        return FileKind.CASUSOVERLEG
    return None


def archived_file(kind: str, number: str) -> WeegploegFile | CasusoverlegFile | None:
    return file_model(kind).objects.filter(number=number, archived_at__isnull=False).first()
