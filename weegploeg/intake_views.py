"""The melder's screens (art. 7.1-7.2; issues 14.6 and 19.4): fill in, check, send, the receipt
with its PDF copy, and information added to one's own signal while the weegploeg has not decided.

The intake is three steps on one URL: the form posts ``actie=controleren`` and gets the summary
(nothing stored); the summary carries the answers in hidden fields and posts ``actie=versturen``
(stored once, by the one-time ``submission_token``) or ``wijzigen`` (back to the form, answers
kept). The confirmation and the PDF copy are reached by an opaque key bound to the session.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from access.screens import work_screen
from core.subject import SUBJECT_FIELDS
from forms.selectors import intake_definition_at_revision
from forms.services import intake_answers_collect, intake_form_context, intake_questions_attach
from weegploeg import services
from weegploeg.forms import IntakeForm
from weegploeg.intake import (
    ADDENDUM_MAX,
    SummaryRow,
    intake_next_steps,
    intake_receipt_remember,
    intake_receipt_signal,
    intake_summary_rows,
    signal_addendum_add,
    signal_of_melder,
)
from weegploeg.models import MELDER_STATUS, MELDER_STATUS_PENDING, Signal, WeegploegFile

INTAKE = "weegploeg: signaal inbrengen"
OBJECT_TYPE = "weegploeg_file"
ACTION = "actie"
CHECK, SEND, EDIT = "controleren", "versturen", "wijzigen"


def _submission_token(request: HttpRequest) -> uuid.UUID:
    """The form's one-time token; a post without a valid one gets a fresh token (no retry then)."""
    try:
        return uuid.UUID(str(request.POST.get("submission_token", "")))
    except ValueError:
        return uuid.uuid4()


def _intake_form(request: HttpRequest):
    """The intake form with the published questions (``forms.services``: ids, conditions, revisions)."""
    return intake_questions_attach(IntakeForm, request.POST if request.method == "POST" else None)


def _form_page(request, form, questions, *, status: int, focus: str = "") -> HttpResponse:
    if focus in form.fields:
        form.fields[focus].widget.attrs["autofocus"] = True
    context = {
        "form": form,
        "submission_token": request.POST.get("submission_token") or uuid.uuid4(),
        **intake_form_context(form, questions),
        "party": request.user.party,
        "core_subject": [form[n] for n in IntakeForm.base_fields if n in SUBJECT_FIELDS],
        "core_signal": [form["observation"], form["observed_on"]],
        "melder_fields": [form["melder_name"], form["melder_contact"]],
    }
    return render(request, "weegploeg/intake.html", context, status=status)


def _carried(request: HttpRequest, form) -> list[tuple[str, list[str]]]:
    """The posted values of the form's own fields (and the token), for the summary's hidden fields."""
    names = [*form.fields, "submission_token"]
    return [(name, request.POST.getlist(name)) for name in names if name in request.POST]


def _summary(request, form, questions, answers: list[dict]) -> HttpResponse:
    data = form.cleaned_data
    outsider = data["melder"] == IntakeForm.MELDER_OUTSIDER
    melder_names = ["melder", *(("melder_name", "melder_contact") if outsider else ())]
    definition = questions.definition
    context = {
        "party": request.user.party,
        "subject_rows": intake_summary_rows(form, SUBJECT_FIELDS),
        "signal_rows": intake_summary_rows(form, ("observation", "observed_on")),
        "melder_rows": intake_summary_rows(form, melder_names),
        "answer_rows": [SummaryRow(f"vraag_{a['question_id']}", a["label"], a["answer"]) for a in answers],
        "definition": definition,
        "carried": _carried(request, form),
    }
    return render(request, "weegploeg/intake_summary.html", context)


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
    action = request.POST.get(ACTION, CHECK) if request.method == "POST" else ""
    request.access.read("intake")
    if request.method == "POST" and "wijzigen" in request.POST and not questions.changed:
        return _form_page(request, form, questions, status=200, focus=request.POST.get("wijzigen", ""))
    posted = request.method == "POST" and not questions.changed and form.is_valid()
    answers = intake_answers_collect(form, questions) if posted else None
    if answers is not None and action != SEND:
        return _summary(request, form, questions, answers)
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
            signal = signal_of_melder(file, request.user)
            if signal is None:  # another melder's token: never a link to their signal
                messages.error(request, "Dit formulier is al gebruikt. Vul het signaal opnieuw in.")
                return redirect("weegploeg:intake")
            if created:
                request.access.created(file)
                messages.success(request, f"Het signaal is ontvangen onder dossiernummer {file.number}.")
            else:
                request.access.read(file)
                messages.info(request, f"Dit signaal was al ontvangen onder dossiernummer {file.number}.")
            return redirect("weegploeg:intake_receipt", key=intake_receipt_remember(request.session, signal))
    status = 409 if questions.changed else 400 if form.errors else 200
    return _form_page(request, form, questions, status=status)


def receipt_load(request: HttpRequest, key: str, **_) -> Signal | None:
    """The signal this session's receipt key stands for, or None (another session's key, an old one
    or a made-up one). The rule decides who may see it: a refusal and a miss look alike."""
    return intake_receipt_signal(request.session, key)


def addendum_load(request: HttpRequest, number: str, **_) -> WeegploegFile | None:
    """The file by number, whoever's and whatever its state: the rule decides (its own signal, open)."""
    return WeegploegFile.objects.filter(number=str(number)[:20]).first()


def _file_number(obj) -> str:
    """The log names the file of the signal (never the session's key)."""
    return getattr(obj, "file", obj).number


def _receipt_context(signal: Signal) -> dict:
    revision = signal.form_revision_id
    definition = intake_definition_at_revision(revision) if revision else None
    return {
        "signal": signal,
        "file": signal.file,
        "subject": signal.file.subject,
        "definition": definition,
        "next": intake_next_steps(signal.registered_at),
        "today": timezone.localdate(),
    }


@work_screen(
    rule="weegploeg.view_own_signal",
    purpose="weegploeg: ontvangstbevestiging melder",
    object_type=OBJECT_TYPE,
    screen_ref="intake-ontvangen",
    load=receipt_load,
    ref=_file_number,
)
def intake_receipt(request: HttpRequest, signal: Signal, key: str) -> HttpResponse:
    """Issue 14.6: the file number, what happens next and when, and the PDF copy of what was sent.
    Only in the session that sent it, for that melder (``weegploeg.view_own_signal``)."""
    request.access.read(signal.file)
    return render(request, "weegploeg/intake_receipt.html", {**_receipt_context(signal), "key": key})


@work_screen(
    rule="weegploeg.view_own_signal",
    purpose="weegploeg: kopie van het ingebrachte signaal (PDF)",
    object_type=OBJECT_TYPE,
    screen_ref="intake-ontvangen",
    load=receipt_load,
    ref=_file_number,
)
def intake_receipt_pdf(request: HttpRequest, signal: Signal, key: str) -> HttpResponse:
    """Issue 14.6, 19.4: a PDF copy of what was sent, for that melder in that session only."""
    from pdf.render import render_to_pdf

    data = render_to_pdf("weegploeg/intake_receipt_pdf.html", _receipt_context(signal), request=request)
    request.access.exported(signal.file)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="signaal-{signal.file.number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@work_screen(
    rule="weegploeg.add_to_own_signal",
    purpose="weegploeg: informatie toevoegen aan eigen signaal",
    object_type=OBJECT_TYPE,
    screen_ref="melder-aanvullen",
    methods=("GET", "POST"),
    load=addendum_load,
)
def signal_addendum(request: HttpRequest, file: WeegploegFile, number: str) -> HttpResponse:
    """Issue 14.6: the melder appends information to their own signal while the file is open
    (``weegploeg.add_to_own_signal``: someone else's file, a decided one and no file look the same)."""
    signal = signal_of_melder(file, request.user)
    error, text, status = "", "", 200
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            signal_addendum_add(file, by=request.user, text=text)
        except ValidationError as problem:
            error, status = " ".join(problem.messages), 400
        else:
            request.access.changed(file)
            messages.success(request, f"Uw aanvulling is toegevoegd aan dossier {file.number}.")
            return redirect("weegploeg:my_signals")
    request.access.read(file)
    context = {
        "file": file,
        "status": MELDER_STATUS.get(file.status, MELDER_STATUS_PENDING),
        "addenda": list(signal.addenda.all()),
        "registered_at": signal.registered_at,
        "error": error,
        "text": text,
        "max_length": ADDENDUM_MAX,
    }
    return render(request, "weegploeg/signal_addendum.html", context, status=status)
