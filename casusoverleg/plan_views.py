"""The plan screens of a case (art. 9.3, 9.4, 10.5): read, print, draft and adopt the plan.

Declared through the one access entry point like every casusoverleg screen (``case_screen`` in
``casusoverleg.views``): the externe casuspartner that takes part reads and prints the plan only
(``casusoverleg.view_plan``), plus what was disclosed to it with consent; drafting and adopting
need full access to the case and the task's permission from the role table.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from casusoverleg import selectors
from casusoverleg.forms import AdoptForm, MeasureForm, PlanAimForm
from casusoverleg.models import CasusoverlegFile, DataKind, PlanVersion
from casusoverleg.plan import plan_adopt, plan_draft_open, plan_draft_update, plan_measure_add, plan_measure_remove
from casusoverleg.selectors import FULL, PLAN
from casusoverleg.views import case_screen, open_task, participant_parties
from core import tasks as task_lifecycle
from pdf.render import render_to_pdf


def _plan_context(request: HttpRequest, file: CasusoverlegFile, level: str, plan: PlanVersion | None) -> dict:
    context = {"file": file, "plan": plan, "level": level, "today": timezone.localdate()}
    context["measures"] = list(plan.measures.select_related("responsible_party")) if plan else []
    context["present"] = list(plan.present_parties.order_by("name")) if plan else []
    context["versions"] = list(file.plan_versions.filter(adopted_at__isnull=False).order_by("number"))
    kinds = set(DataKind.values) if level == FULL else selectors.disclosed_kinds(file, request.user.party_id)
    context["show"] = {kind: kind in kinds for kind in DataKind.values}
    context["subject"] = file.subject if DataKind.SUBJECT in kinds else None
    if level == PLAN:
        context["disclosed"] = {
            "signals": list(file.signals.select_related("bringing_party")) if DataKind.SIGNALS in kinds else [],
            "analysis": file.analysis if DataKind.ANALYSIS in kinds else "",
            "persons": list(file.persons.all()) if DataKind.PERSONS in kinds else [],
            "contributions": list(file.contributions.select_related("party"))
            if DataKind.CONTRIBUTIONS in kinds
            else [],
        }
    return context


@case_screen("casusoverleg.view_plan", "casusoverleg: plan van aanpak inzien")
def plan(request: HttpRequest, file: CasusoverlegFile, number: str, version: int | None = None) -> HttpResponse:
    """Art. 10.5: the plan (the version in force, or an earlier adopted version)."""
    level = selectors.casus_level(request.user, file)
    if version is None:
        current = selectors.plan_current(file)
    else:
        current = file.plan_versions.filter(number=version, adopted_at__isnull=False).first()
        if current is None:
            raise Http404
    return render(request, "casusoverleg/plan.html", _plan_context(request, file, level, current))


@case_screen("casusoverleg.view_plan", "casusoverleg: plan van aanpak afdrukken")
def plan_pdf(request: HttpRequest, file: CasusoverlegFile, number: str) -> HttpResponse:
    level = selectors.casus_level(request.user, file)
    raw = (request.GET.get("versie") or "").strip()
    plan_version = None
    if raw.isdigit() and len(raw) < 6:
        plan_version = file.plan_versions.filter(number=int(raw), adopted_at__isnull=False).first()
    elif not raw:
        plan_version = selectors.plan_current(file)
    if plan_version is None:
        messages.error(request, "Er is (nog) geen vastgesteld plan van aanpak in deze versie om af te drukken.")
        return redirect("casusoverleg:plan", number=file.number)
    context = _plan_context(request, file, level, plan_version)
    context["printed_at"] = timezone.localtime()
    pdf_bytes = render_to_pdf("casusoverleg/plan_pdf.html", context, request=request)
    request.access.exported(file)
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-{file.number}-v{plan_version.number}.pdf"'
    return response


@case_screen("casusoverleg.draft_plan", "casusoverleg: plan opstellen", methods=("GET", "POST"))
def concept(request: HttpRequest, file: CasusoverlegFile, number: str) -> HttpResponse:
    """Drafting the plan (first version or an adjustment): aim and measures."""
    parties = participant_parties(file)
    aim_form = PlanAimForm(prefix="doel")
    measure_form = MeasureForm(prefix="maatregel", parties=parties)
    if request.method == "POST":
        step = request.POST.get("stap", "")
        try:
            if step == "openen":
                plan_draft_open(file, by=request.user)
                done = "Het concept van het plan staat klaar."
            elif step == "doel":
                aim_form = PlanAimForm(request.POST, prefix="doel")
                if not aim_form.is_valid():
                    raise ValidationError("Controleer het doel van het plan.", code="doel_ongeldig")
                plan_draft_update(file, by=request.user, **aim_form.cleaned_data)
                done = "Het doel van het plan is opgeslagen."
            elif step == "maatregel":
                measure_form = MeasureForm(request.POST, prefix="maatregel", parties=parties)
                if not measure_form.is_valid():
                    raise ValidationError("Controleer de maatregel.", code="maatregel_ongeldig")
                plan_measure_add(file, by=request.user, **measure_form.cleaned_data)
                done = "De maatregel is toegevoegd."
            elif step == "verwijderen":
                raw = request.POST.get("maatregel_id", "")
                if not raw.isdigit():
                    raise ValidationError("Kies een maatregel om te verwijderen.", code="maatregel_ontbreekt")
                plan_measure_remove(file, by=request.user, measure_id=int(raw))
                done = "De maatregel is verwijderd."
            else:
                raise ValidationError("Onbekende handeling.", code="handeling_onbekend")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return render(
                request, "casusoverleg/concept.html", _concept_context(file, aim_form, measure_form), status=400
            )
        request.access.changed(file)
        messages.success(request, done)
        return redirect("casusoverleg:concept", number=file.number)
    return render(request, "casusoverleg/concept.html", _concept_context(file, aim_form, measure_form))


def _concept_context(file: CasusoverlegFile, aim_form: PlanAimForm, measure_form: MeasureForm) -> dict:
    draft = selectors.plan_draft(file)
    if draft is not None and not aim_form.is_bound:
        aim_form.initial = {"aim": draft.aim, "change_note": draft.change_note}
    return {
        "file": file,
        "draft": draft,
        "current": selectors.plan_current(file),
        "measures": list(draft.measures.select_related("responsible_party")) if draft else [],
        "aim_form": aim_form,
        "measure_form": measure_form,
    }


@case_screen("casusoverleg.adopt_plan", "casusoverleg: plan vaststellen", methods=("GET", "POST"))
def adopt(request: HttpRequest, file: CasusoverlegFile, number: str) -> HttpResponse:
    """Art. 9.3: adopt the draft (the first version completes the 'vaststellen' task)."""
    form = AdoptForm(request.POST or None, parties=participant_parties(file))
    draft = selectors.plan_draft(file)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def action():
            return plan_adopt(
                file, by=request.user, adopted_on=data["adopted_on"], present_parties=data["present_parties"]
            )

        task = open_task(file, "adopt_plan")
        try:
            version = task_lifecycle.task_complete(task, request.user, action) if task else action()
        except task_lifecycle.TaskUnavailable as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.access.changed(file)
            messages.success(request, f"Versie {version.number} van het plan van aanpak is vastgesteld.")
            return redirect("casusoverleg:plan", number=file.number)
    context = {
        "file": file,
        "form": form,
        "draft": draft,
        "measures": list(draft.measures.select_related("responsible_party")) if draft else [],
    }
    return render(request, "casusoverleg/adopt.html", context, status=400 if form.errors else 200)
