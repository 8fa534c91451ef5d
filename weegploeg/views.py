"""The weegploeg screens: intake for melders, the melder's own list, the inbox and the file.

Every screen checks art. 8.4 (``weegploeg.access.screen``), writes the access log and asks for
the accepted secrecy duty. Subjects are shown in lists by file number and initials only.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accesslog.models import AccessAction
from forms.selectors import intake_answers_serialise, intake_definition_published, intake_question_field
from weegploeg import services
from weegploeg.access import log, screen
from weegploeg.forms import IntakeForm
from weegploeg.selectors import (
    inbox_for,
    signals_registered_by,
    weegploeg_file_for,
    weegploeg_is_uitvoerder,
)
from weegploeg.services import user_may_register_signals

INTAKE = "weegploeg: signaal inbrengen"


def _intake_form(request: HttpRequest):
    definition = intake_definition_published()
    form = IntakeForm(request.POST or None)
    extra = []
    if definition is not None:
        for question in definition.questions:
            form.fields[question.key] = intake_question_field(question)
            extra.append(question.key)
    return form, definition, extra


@screen(INTAKE, allowed=user_may_register_signals)
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    """Art. 7.1-2: a kernpartij representative with the melder role brings a signal in."""
    form, definition, extra = _intake_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            file = services.signal_register(
                by=request.user,
                subject=form.subject_data(),
                observation=data["observation"],
                observed_on=data["observed_on"],
                melder_is_outsider=data["melder"] == IntakeForm.MELDER_OUTSIDER,
                melder_name=data["melder_name"],
                melder_contact=data["melder_contact"],
                answers=intake_answers_serialise(definition, data) if definition else [],
                form_revision_id=definition.revision_id if definition else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            log(request, AccessAction.CREATE, file.number, INTAKE)
            messages.success(request, f"Het signaal is ontvangen onder dossiernummer {file.number}.")
            return redirect("weegploeg:my_signals")
    context = {
        "form": form,
        "extra_fields": [form[name] for name in extra],
        "definition": definition,
        "party": request.user.party,
        "core_subject": [form[n] for n in IntakeForm.base_fields if n in SUBJECT_FIELDS],
        "core_signal": [form["observation"], form["observed_on"]],
        "melder_fields": [form["melder_name"], form["melder_contact"]],
    }
    return render(request, "weegploeg/intake.html", context, status=400 if form.errors else 200)


SUBJECT_FIELDS = (
    "given_names",
    "surname_prefix",
    "surname",
    "date_of_birth",
    "address",
    "postcode",
    "residence",
    "municipality",
    "bsn",
)


@screen("weegploeg: eigen meldingen", allowed=user_may_register_signals)
@require_GET
def my_signals(request: HttpRequest) -> HttpResponse:
    """What the melder sees afterwards: received, and the outcome. Never the analysis."""
    rows = signals_registered_by(request.user)
    log(request, AccessAction.READ, "melder-overzicht", "weegploeg: eigen meldingen")
    return render(request, "weegploeg/my_signals.html", {"rows": rows})


@screen("weegploeg: werkbak")
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    data = inbox_for(request.user, timezone.localdate())
    log(request, AccessAction.READ, "werkbak", "weegploeg: werkbak")
    return render(
        request, "weegploeg/inbox.html", {"inbox": data, "is_uitvoerder": weegploeg_is_uitvoerder(request.user)}
    )


def file_context(request: HttpRequest, file) -> dict:
    """Everything of the file for the weegploeg: NAW, signals, analyses with their criteria,
    requests, decision, information duty, reviews, the casusoverleg copy and the history."""
    from viewflow.workflow.models import Task
    from wagtail.models import Revision

    from casusoverleg.models import CasusoverlegFile
    from pages.selectors import referentiekader_at_revision

    analyses = []
    for analysis in file.analyses.select_related("analysed_by").prefetch_related("items"):
        try:
            version = referentiekader_at_revision(analysis.referentiekader_revision_id)
            titles = {c.code: c.title for c in version.criteria}
            version_title = version.title
        except Revision.DoesNotExist:  # a removed revision must not hide the analysis itself
            titles, version_title = {}, "onbekende versie"
        analyses.append(
            {
                "analysis": analysis,
                "version_title": version_title,
                "items": [(item, titles.get(item.criterion_code, "")) for item in analysis.items.all()],
            }
        )
    history = []
    if file.process_id:
        history = list(
            Task.objects.filter(process_id=file.process_id).select_related("owner").order_by("created", "pk")
        )
    return {
        "file": file,
        "subject": file.subject,
        "signals": list(file.signals.select_related("bringing_party", "registered_by")),
        "analyses": analyses,
        "requests": list(file.information_requests.select_related("party")),
        "decision": getattr(file, "decision", None),
        "duty": getattr(file, "information_duty", None),
        "reviews": list(file.accuracy_reviews.select_related("reviewed_by")),
        "matches": services.subject_matches(file),
        "casus": CasusoverlegFile.objects.filter(source_weegploeg_number=file.number).first(),
        "history": [t for t in history if t.flow_task is not None],
    }


@screen("weegploeg: dossier inzien", ref_kwarg="number")
@require_GET
def file_detail(request: HttpRequest, number: str) -> HttpResponse:
    file = weegploeg_file_for(request.user, number)
    if file is None:
        raise Http404
    log(request, AccessAction.READ, file.number, "weegploeg: dossier inzien")
    return render(request, "weegploeg/file_detail.html", file_context(request, file))


@screen("weegploeg: subject koppelen", ref_kwarg="number")
@require_POST
def file_attach(request: HttpRequest, number: str) -> HttpResponse:
    """Known subject: attach this file to the subject of an earlier file (weegploeg only)."""
    file = weegploeg_file_for(request.user, number)
    other = weegploeg_file_for(request.user, request.POST.get("other", ""))
    if file is None:
        raise Http404
    log(request, AccessAction.UPDATE, file.number, "weegploeg: subject koppelen")
    if other is None:
        messages.error(request, "Kies een bestaand dossier om mee te koppelen.")
        return redirect("weegploeg:file", number=file.number)
    try:
        services.subject_attach_existing(file, other, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Het signaal is gekoppeld aan het subject van dossier {other.number}.")
    return redirect("weegploeg:file", number=file.number)
