"""The weegploeg screens: intake for melders, the melder's own list, the inbox and the file.

Every screen is declared through the one access entry point (``access.screens.work_screen``):
the rule of art. 8.4, the secrecy duty and the access log. Subjects are shown in lists by file
number and initials only.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from access.screens import work_screen
from forms.services import intake_answers_collect, intake_form_context, intake_questions_attach
from weegploeg import services
from weegploeg.forms import IntakeForm
from weegploeg.models import WeegploegFile
from weegploeg.selectors import inbox_for, signals_registered_by, weegploeg_files_visible_to, weegploeg_is_uitvoerder

INTAKE = "weegploeg: signaal inbrengen"
OBJECT_TYPE = "weegploeg_file"


def file_load(request: HttpRequest, number: str, **_) -> WeegploegFile | None:
    """The file by number, archived or not: the rule decides (a refusal and a miss look alike)."""
    return WeegploegFile.objects.select_related("subject").filter(number=number).first()


def _submission_token(request: HttpRequest) -> uuid.UUID:
    """The form's one-time token; a post without a valid one gets a fresh token (no retry then)."""
    try:
        return uuid.UUID(str(request.POST.get("submission_token", "")))
    except ValueError:
        return uuid.uuid4()


def _intake_form(request: HttpRequest):
    """The intake form with the published questions (``forms.services``: ids, conditions, revisions)."""
    return intake_questions_attach(IntakeForm, request.POST if request.method == "POST" else None)


@work_screen(
    rule="weegploeg.register_signal",
    purpose=INTAKE,
    object_type=OBJECT_TYPE,
    screen_ref="intake",
    methods=("GET", "POST"),
    personal_data=True,
)
def intake(request: HttpRequest) -> HttpResponse:
    """Art. 7.1-2: a kernpartij representative with the melder role brings a signal in."""
    form, questions = _intake_form(request)
    posted = request.method == "POST" and not questions.changed and form.is_valid()
    answers = intake_answers_collect(form, questions) if posted else None
    if answers is not None:
        data = form.cleaned_data
        try:
            file, created = services.signal_register_once(
                token=_submission_token(request),
                by=request.user,
                subject=form.subject_data(),
                observation=data["observation"],
                observed_on=data["observed_on"],
                melder_is_outsider=data["melder"] == IntakeForm.MELDER_OUTSIDER,
                melder_name=data["melder_name"],
                melder_contact=data["melder_contact"],
                answers=answers,
                form_revision_id=questions.definition.revision_id if questions.definition else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if created:
                request.access.created(file)
                messages.success(request, f"Het signaal is ontvangen onder dossiernummer {file.number}.")
            else:
                request.access.read(file)
                messages.info(request, f"Dit signaal was al ontvangen onder dossiernummer {file.number}.")
            return redirect("weegploeg:my_signals")
    request.access.read("intake")
    context = {
        "form": form,
        "submission_token": request.POST.get("submission_token") or uuid.uuid4(),
        **intake_form_context(form, questions),
        "party": request.user.party,
        "core_subject": [form[n] for n in IntakeForm.base_fields if n in SUBJECT_FIELDS],
        "core_signal": [form["observation"], form["observed_on"]],
        "melder_fields": [form["melder_name"], form["melder_contact"]],
    }
    status = 409 if questions.changed else 400 if form.errors else 200
    return render(request, "weegploeg/intake.html", context, status=status)


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


@work_screen(
    rule="weegploeg.register_signal",
    purpose="weegploeg: eigen meldingen",
    object_type=OBJECT_TYPE,
    screen_ref="melder-overzicht",
)
def my_signals(request: HttpRequest) -> HttpResponse:
    """What the melder sees afterwards: received, and the outcome. Never the analysis."""
    rows = signals_registered_by(request.user)
    request.access.listed(row.file_number for row in rows)
    return render(request, "weegploeg/my_signals.html", {"rows": rows})


@work_screen(rule="weegploeg.view_inbox", purpose="weegploeg: werkbak", object_type=OBJECT_TYPE, screen_ref="werkbak")
def inbox(request: HttpRequest) -> HttpResponse:
    data = inbox_for(request.user, timezone.localdate())
    request.access.listed(data.file_numbers())
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


@work_screen(
    rule="weegploeg.view_file",
    purpose="weegploeg: dossier inzien",
    object_type=OBJECT_TYPE,
    screen_ref="weegploeg",
    load=file_load,
)
def file_detail(request: HttpRequest, file: WeegploegFile, number: str) -> HttpResponse:
    return render(request, "weegploeg/file_detail.html", file_context(request, file))


@work_screen(
    rule="weegploeg.change_file",
    purpose="weegploeg: subject koppelen",
    object_type=OBJECT_TYPE,
    screen_ref="weegploeg",
    load=file_load,
    methods=("POST",),
)
def file_attach(request: HttpRequest, file: WeegploegFile, number: str) -> HttpResponse:
    """Known subject: attach this file to the subject of an earlier file (weegploeg only)."""
    other = weegploeg_files_visible_to(request.user).filter(number=request.POST.get("other", "")).first()
    request.access.changed(file)
    if other is None:
        messages.error(request, "Kies een bestaand dossier om mee te koppelen.")
        return redirect("weegploeg:file", number=file.number)
    try:
        services.subject_attach_existing(file, other, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        request.access.changed(other)
        messages.success(request, f"Het signaal is gekoppeld aan het subject van dossier {other.number}.")
    return redirect("weegploeg:file", number=file.number)
