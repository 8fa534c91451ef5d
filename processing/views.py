"""The register of processing: read and changed in the work environment, printed, and summarised
for the public (art. 30 AVG). It holds no personal data of subjects."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from access.screens import access_allowed, work_screen
from pdf.render import render_to_pdf
from processing.forms import ProcessingActivityForm
from processing.models import ProcessingActivity
from processing.selectors import processing_register
from processing.services import processing_activity_update


def activity_load(request: HttpRequest, kind: str, **_) -> ProcessingActivity | None:
    return ProcessingActivity.objects.filter(kind=kind).first()


def register_screen(purpose: str, *, rule: str = "processing.view_register", load=None, methods=("GET",)):
    return work_screen(
        rule=rule,
        purpose=purpose,
        object_type="verwerkingsregister",
        screen_ref="verwerkingsregister",
        load=load,
        ref=lambda activity: f"verwerking-{activity.kind}",
        methods=methods,
        secrecy=False,  # the register describes processing; it holds no case data
        personal_data=False,
    )


@register_screen("Verwerkingsregister inzien (art. 30 AVG)")
def register_index(request: HttpRequest) -> HttpResponse:
    may_change = access_allowed(request.user, "processing.change_register")
    return render(request, "processing/index.html", {"entries": processing_register(), "may_change": may_change})


@register_screen(
    "Verwerkingsregister bijhouden (art. 5)",
    rule="processing.change_register",
    load=activity_load,
    methods=("GET", "POST"),
)
def activity_edit(request: HttpRequest, activity: ProcessingActivity, kind: str) -> HttpResponse:
    form = ProcessingActivityForm(request.POST or None, instance=ProcessingActivity.objects.get(pk=activity.pk))
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            processing_activity_update(activity, by=request.user, reason=form.cleaned_data["reason"], changes=changes)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"‘{activity.get_kind_display()}’ is bijgewerkt; de vorige tekst is bewaard.")
            return redirect("processing:index")
    return render(
        request, "processing/edit.html", {"activity": activity, "form": form}, status=400 if form.errors else 200
    )


@register_screen("Verwerkingsregister: eerdere versies", load=activity_load)
def activity_history(request: HttpRequest, activity: ProcessingActivity, kind: str) -> HttpResponse:
    versions = activity.versions.select_related("changed_by")
    return render(request, "processing/history.html", {"activity": activity, "versions": versions})


@register_screen("Verwerkingsregister afdrukken (art. 30 AVG)")
def register_pdf(request: HttpRequest) -> HttpResponse:
    context = {"entries": processing_register(), "printed_at": timezone.now()}
    response = HttpResponse(render_to_pdf("processing/register_pdf.html", context), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="verwerkingsregister.pdf"'
    return response


@require_GET
def register_public(request: HttpRequest) -> HttpResponse:
    """The public summary (art. 11.1: transparency): purposes, recipients, retention, security."""
    return render(request, "processing/public.html", {"entries": processing_register()})
