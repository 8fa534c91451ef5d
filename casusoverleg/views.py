"""The casusoverleg screens at /werk/casussen/ (own Dutch views; viewflow's lifecycle underneath).

Every screen goes through ``casusoverleg.access``: the case rule (art. 9.1, 10.4, 10.5), the
screen's permission, the secrecy duty (art. 14), and one access-log row per read or write.
Lists show case numbers and initials only.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from viewflow.workflow.models import Task

from accesslog.models import AccessAction
from casusoverleg import selectors, services
from casusoverleg.access import FULL, PLAN, case_screen, deny, log
from casusoverleg.flows import CasusoverlegFlow
from casusoverleg.forms import (
    AdoptForm,
    AdviceAnswerForm,
    AdviceForm,
    ClosureForm,
    ContributionForm,
    DisclosureForm,
    IntervalForm,
    MeasureForm,
    ParticipantForm,
    PersonForm,
    PlanAimForm,
    ReviewForm,
)
from casusoverleg.models import CasusoverlegFile, CasusParticipant, DataKind, PlanVersion
from flows import services as flow_services
from parties.models import Party, PartyRole
from secrecy.decorators import secrecy_redirect
from secrecy.services import secrecy_accepted

P = "casusoverleg."
CANNOT_WORK = "U kunt deze taak niet (meer) uitvoeren. Er is niets gewijzigd."


def _detail(file: CasusoverlegFile):
    return redirect("casusoverleg:detail", number=file.number)


def _participant_parties(file: CasusoverlegFile):
    return Party.objects.filter(pk__in=CasusParticipant.objects.filter(file=file).values("party_id")).order_by(
        "role", "name"
    )


def _open_task(file: CasusoverlegFile, name: str) -> Task | None:
    if not file.process_id:
        return None
    return (
        Task.objects.filter(
            process_id=file.process_id,
            flow_task=getattr(CasusoverlegFlow, name),
            status__in=flow_services.OPEN_STATUSES,
        )
        .select_related("owner")
        .first()
    )


def _form_screen(
    request: HttpRequest,
    file: CasusoverlegFile,
    form,
    *,
    title: str,
    intro: str,
    submit: str,
    purpose: str,
    action: Callable[[dict], object],
    success: str,
    log_action: str = AccessAction.CREATE,
) -> HttpResponse:
    """A simple form on a case: validate, run the service, log, and back to the case."""
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            messages_ = error.messages if isinstance(error, ValidationError) else [str(error)]
            for message in messages_:
                form.add_error(None, message)
        else:
            log(request, log_action, file.number, purpose)
            messages.success(request, success)
            return _detail(file)
    log(request, AccessAction.READ, file.number, purpose)
    context = {"file": file, "form": form, "title": title, "intro": intro, "submit": submit}
    return render(request, "casusoverleg/form.html", context, status=400 if form.errors else 200)


# --- Lists ------------------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The work list: my tasks, tasks I may take, and the cases I may see (with overdue flags)."""
    user = request.user
    purpose = "casusoverleg: werkbak"
    if not (selectors.casus_any_access(user) or selectors.casus_may_decide_closure(user)):
        raise deny(request, "werkbak", purpose)
    if not secrecy_accepted(user):
        return secrecy_redirect(request)
    query = (request.GET.get("q") or "").strip()[:100]
    today = timezone.localdate()
    rows, total = selectors.case_rows(user, today, query) if selectors.casus_any_access(user) else ([], 0)
    mine, available = selectors.task_rows(user, today)
    log(request, AccessAction.SEARCH if query else AccessAction.READ, "werkbak", purpose)
    context = {
        "rows": rows,
        "total": total,
        "query": query,
        "mine": mine,
        "available": available,
        "plan_only": selectors.casus_is_external(user),
    }
    return render(request, "casusoverleg/index.html", context)


# --- The file ---------------------------------------------------------------------------------------


@case_screen("casusoverleg: dossier inzien")
@require_GET
def detail(request: HttpRequest, file: CasusoverlegFile, level: str) -> HttpResponse:
    log(request, AccessAction.READ, file.number, "casusoverleg: dossier inzien")
    context = {
        "file": file,
        "subject": file.subject,
        "signals": list(file.signals.select_related("bringing_party")),
        "participants": list(file.participants.select_related("party", "added_by")),
        "plan": selectors.plan_current(file),
        "draft": selectors.plan_draft(file),
        "versions": list(file.plan_versions.filter(adopted_at__isnull=False).order_by("number")),
        "reviews": list(file.reviews.select_related("plan").prefetch_related("items__measure")),
        "decisions": list(file.closure_decisions.select_related("party")),
        "persons": list(file.persons.select_related("contributed_by")),
        "contributions": list(file.contributions.select_related("party")),
        "advice_requests": list(file.advice_requests.all()),
        "disclosures": list(file.disclosures.select_related("recipient").prefetch_related("consenting_parties")),
        "tasks": [t for t in (_open_task(file, n) for n in ("adopt_plan", "review", "decide_closure")) if t],
        "interval_form": IntervalForm(initial={"months": file.review_interval_months}),
        "today": timezone.localdate(),
    }
    return render(request, "casusoverleg/detail.html", context)


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


@case_screen("casusoverleg: plan van aanpak inzien", levels=(FULL, PLAN))
@require_GET
def plan(request: HttpRequest, file: CasusoverlegFile, level: str, version: int | None = None) -> HttpResponse:
    """Art. 10.5: the plan (the version in force, or an earlier adopted version)."""
    if version is None:
        current = selectors.plan_current(file)
    else:
        current = file.plan_versions.filter(number=version, adopted_at__isnull=False).first()
        if current is None:
            raise Http404
    log(request, AccessAction.READ, file.number, "casusoverleg: plan van aanpak inzien")
    return render(request, "casusoverleg/plan.html", _plan_context(request, file, level, current))


@case_screen("casusoverleg: plan van aanpak afdrukken", levels=(FULL, PLAN))
@require_GET
def plan_pdf(request: HttpRequest, file: CasusoverlegFile, level: str) -> HttpResponse:
    from pdf.render import render_to_pdf

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
    log(request, AccessAction.PRINT, file.number, "casusoverleg: plan van aanpak afdrukken")
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-{file.number}-v{plan_version.number}.pdf"'
    return response


@case_screen("casusoverleg: plan opstellen", perm=P + "change_planversion")
@require_http_methods(["GET", "POST"])
def concept(request: HttpRequest, file: CasusoverlegFile, level: str) -> HttpResponse:
    """Drafting the plan (first version or an adjustment): aim and measures."""
    purpose = "casusoverleg: plan opstellen"
    parties = _participant_parties(file)
    aim_form = PlanAimForm(prefix="doel")
    measure_form = MeasureForm(prefix="maatregel", parties=parties)
    if request.method == "POST":
        step = request.POST.get("stap", "")
        try:
            if step == "openen":
                services.plan_draft_open(file, by=request.user)
                done = "Het concept van het plan staat klaar."
            elif step == "doel":
                aim_form = PlanAimForm(request.POST, prefix="doel")
                if not aim_form.is_valid():
                    raise ValidationError("Controleer het doel van het plan.")
                services.plan_draft_update(file, by=request.user, **aim_form.cleaned_data)
                done = "Het doel van het plan is opgeslagen."
            elif step == "maatregel":
                measure_form = MeasureForm(request.POST, prefix="maatregel", parties=parties)
                if not measure_form.is_valid():
                    raise ValidationError("Controleer de maatregel.")
                services.plan_measure_add(file, by=request.user, **measure_form.cleaned_data)
                done = "De maatregel is toegevoegd."
            elif step == "verwijderen":
                raw = request.POST.get("maatregel_id", "")
                if not raw.isdigit():
                    raise ValidationError("Kies een maatregel om te verwijderen.")
                services.plan_measure_remove(file, by=request.user, measure_id=int(raw))
                done = "De maatregel is verwijderd."
            else:
                raise ValidationError("Onbekende handeling.")
        except ValidationError as error:
            log(request, AccessAction.READ, file.number, purpose)
            messages.error(request, " ".join(error.messages))
            return render(
                request, "casusoverleg/concept.html", _concept_context(file, aim_form, measure_form), status=400
            )
        log(request, AccessAction.UPDATE, file.number, purpose)
        messages.success(request, done)
        return redirect("casusoverleg:concept", number=file.number)
    log(request, AccessAction.READ, file.number, purpose)
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


@case_screen("casusoverleg: plan vaststellen", perm=P + "casusoverleg_adopt_plan")
@require_http_methods(["GET", "POST"])
def adopt(request: HttpRequest, file: CasusoverlegFile, level: str) -> HttpResponse:
    """Art. 9.3: adopt the draft (the first version completes the 'vaststellen' task)."""
    purpose = "casusoverleg: plan vaststellen"
    form = AdoptForm(request.POST or None, parties=_participant_parties(file))
    draft = selectors.plan_draft(file)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def action():
            return services.plan_adopt(
                file, by=request.user, adopted_on=data["adopted_on"], present_parties=data["present_parties"]
            )

        task = _open_task(file, "adopt_plan")
        try:
            version = flow_services.task_complete(task, request.user, action) if task else action()
        except flow_services.TaskUnavailable as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            log(request, AccessAction.UPDATE, file.number, purpose)
            messages.success(request, f"Versie {version.number} van het plan van aanpak is vastgesteld.")
            return redirect("casusoverleg:plan", number=file.number)
    log(request, AccessAction.READ, file.number, purpose)
    context = {
        "file": file,
        "form": form,
        "draft": draft,
        "measures": list(draft.measures.select_related("responsible_party")) if draft else [],
    }
    return render(request, "casusoverleg/adopt.html", context, status=400 if form.errors else 200)


# --- Participants, persons, contributions, advice, disclosures -------------------------------------


@case_screen("casusoverleg: deelnemer toevoegen", perm=P + "add_casusparticipant")
@require_http_methods(["GET", "POST"])
def participant_new(request: HttpRequest, file: CasusoverlegFile, level: str) -> HttpResponse:
    existing = CasusParticipant.objects.filter(file=file).values_list("party_id", flat=True)
    form = ParticipantForm(request.POST or None, exclude_ids=list(existing))
    return _form_screen(
        request,
        file,
        form,
        title="Deelnemer toevoegen",
        intro="Voeg een partij of externe casuspartner toe die nodig is voor het plan van aanpak (art. 9.1).",
        submit="Toevoegen",
        purpose="casusoverleg: deelnemer toevoegen",
        action=lambda d: services.participant_add(file, by=request.user, party=d["party"], reason=d["reason"]),
        success="De deelnemer is toegevoegd.",
    )


@case_screen("casusoverleg: persoon vastleggen", perm=P + "add_casusperson")
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest, file: CasusoverlegFile, level: str) -> HttpResponse:
    return _form_screen(
        request,
        file,
        PersonForm(request.POST or None),
        title="Achterblijver of persoon uit het sociale netwerk vastleggen",
        intro="Alleen voor zover nodig voor de uitvoering van het plan van aanpak (art. 10.2f-g). "
        "De inbreng wordt vastgelegd met de grondslag van uw organisatie (art. 6).",
        submit="Vastleggen",
        purpose="casusoverleg: persoon vastleggen",
        action=lambda d: services.person_add(file, by=request.user, **d),
        success="De persoon is vastgelegd.",
    )


@case_screen("casusoverleg: gegevens inbrengen", perm=P + "add_datacontribution")
@require_http_methods(["GET", "POST"])
def contribution_new(request: HttpRequest, file: CasusoverlegFile, level: str) -> HttpResponse:
    ground = services.legal_ground_for(request.user.party)
    from casusoverleg.models import LegalGround

    label = LegalGround(ground).label if ground else "geen (uw organisatie heeft geen grondslag in art. 6)"
    return _form_screen(
        request,
        file,
        ContributionForm(request.POST or None),
        title="Gegevens inbrengen",
        intro=f"U brengt gegevens in namens {request.user.party.name} op grond van art. 6 {label}.",
        submit="Inbrengen",
        purpose="casusoverleg: gegevens inbrengen",
        action=lambda d: services.contribution_add(file, by=request.user, **d),
        success="De gegevens zijn ingebracht.",
    )


@case_screen("casusoverleg: advies vragen", perm=P + "add_advicerequest")
@require_http_methods(["GET", "POST"])
def advice_new(request: HttpRequest, file: CasusoverlegFile, level: str) -> HttpResponse:
    return _form_screen(
        request,
        file,
        AdviceForm(request.POST or None, initial={"requested_on": timezone.localdate()}),
        title="Adviesaanvraag vastleggen",
        intro="Advies van de NCTV of een andere deskundige (art. 9.5). Leg vast of er persoonsgegevens zijn gedeeld.",
        submit="Vastleggen",
        purpose="casusoverleg: advies vragen",
        action=lambda d: services.advice_request_record(file, by=request.user, **d),
        success="De adviesaanvraag is vastgelegd.",
    )


@case_screen("casusoverleg: adviesantwoord vastleggen", perm=P + "change_advicerequest")
@require_http_methods(["GET", "POST"])
def advice_answer(request: HttpRequest, file: CasusoverlegFile, level: str, pk: int) -> HttpResponse:
    advice = file.advice_requests.filter(pk=pk).first()
    if advice is None:
        raise Http404
    return _form_screen(
        request,
        file,
        AdviceAnswerForm(request.POST or None, initial={"answered_on": timezone.localdate(), "answer": advice.answer}),
        title=f"Antwoord op adviesaanvraag aan {advice.get_recipient_kind_display()}",
        intro=f"Vraag: {advice.question}",
        submit="Vastleggen",
        purpose="casusoverleg: adviesantwoord vastleggen",
        action=lambda d: services.advice_answer_record(advice, by=request.user, **d),
        success="Het antwoord is vastgelegd.",
        log_action=AccessAction.UPDATE,
    )


@case_screen("casusoverleg: verstrekkingenregister")
@require_http_methods(["GET", "POST"])
def disclosures(request: HttpRequest, file: CasusoverlegFile, level: str) -> HttpResponse:
    """Art. 10.5: the disclosure register of this case, and a new disclosure (with consent)."""
    purpose = "casusoverleg: verstrekken aan externe casuspartner"
    parties = _participant_parties(file)
    form = DisclosureForm(
        request.POST or None,
        externals=parties.filter(role=PartyRole.EXTERNE_CASUSPARTNER),
        convenant_parties=parties.filter(role__in=services.CONVENANT_ROLES),
    )
    may_disclose = request.user.has_perm(P + "add_disclosure")
    if request.method == "POST":
        if not may_disclose:
            raise deny(request, file.number, purpose, AccessAction.DISCLOSE)
        if form.is_valid():
            try:
                services.disclosure_register(file, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
                log(request, AccessAction.DISCLOSE, file.number, purpose, allowed=False)
            else:
                log(request, AccessAction.DISCLOSE, file.number, purpose)
                messages.success(
                    request, "De verstrekking is vastgelegd en de gegevens zijn zichtbaar voor de partner."
                )
                return redirect("casusoverleg:disclosures", number=file.number)
    log(request, AccessAction.READ, file.number, "casusoverleg: verstrekkingenregister")
    context = {
        "file": file,
        "form": form if may_disclose else None,
        "rows": list(
            file.disclosures.select_related("recipient", "disclosed_by").prefetch_related("consenting_parties")
        ),
    }
    return render(request, "casusoverleg/disclosures.html", context, status=400 if form.errors else 200)


@case_screen("casusoverleg: termijn voortgangsbespreking", perm=P + "change_casusoverlegfile")
@require_POST
def interval(request: HttpRequest, file: CasusoverlegFile, level: str) -> HttpResponse:
    form = IntervalForm(request.POST)
    if form.is_valid():
        try:
            services.review_interval_set(file, by=request.user, months=form.cleaned_data["months"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            log(request, AccessAction.UPDATE, file.number, "casusoverleg: termijn voortgangsbespreking")
            messages.success(request, "De termijn van de voortgangsbespreking is aangepast.")
            return _detail(file)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    log(request, AccessAction.READ, file.number, "casusoverleg: termijn voortgangsbespreking")
    return _detail(file)


# --- Tasks ---------------------------------------------------------------------------------------------


def _task_and_file(request: HttpRequest, task_id: int, purpose: str) -> tuple[Task, CasusoverlegFile]:
    """The task and its file, if this user may see them; else 403 (logged), 404 for the uitvoerder."""
    task = Task.objects.filter(pk=task_id, process__flow_class=CasusoverlegFlow).select_related("owner").first()
    file = None
    if task is not None and task.flow_task is not None and task.flow_task_type == "HUMAN":
        file = CasusoverlegFile.objects.select_related("subject").filter(process_id=task.process_id).first()
    if file is None:
        if selectors.casus_is_uitvoerder(request.user):
            raise Http404
        raise deny(request, "taak", purpose)
    visible = selectors.casus_files_visible_to(request.user).filter(pk=file.pk).exists()
    closure = task.flow_task is CasusoverlegFlow.decide_closure and selectors.casus_may_decide_closure(request.user)
    if not (visible or closure):
        raise deny(request, file.number, purpose)
    return task, file


def _may_work(task: Task, user) -> bool:
    if task.status not in flow_services.OPEN_STATUSES:
        return False
    if task.owner_id:
        return task.owner_id == user.pk
    return task.flow_task.can_assign(user, task)


@require_http_methods(["GET", "POST"])
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    purpose = "casusoverleg: taak uitvoeren"
    task, file = _task_and_file(request, task_id, purpose)
    if not secrecy_accepted(request.user):
        return secrecy_redirect(request)
    name = task.flow_task.name
    if name == "adopt_plan" and task.status in flow_services.OPEN_STATUSES:
        return redirect("casusoverleg:adopt", number=file.number)
    plan_in_force = selectors.plan_current(file)
    may_work = _may_work(task, request.user) and name in ("review", "decide_closure")
    data = request.POST if request.method == "POST" else None
    form = None
    if may_work and name == "review":
        form = ReviewForm(
            data,
            measures=plan_in_force.measures.select_related("responsible_party") if plan_in_force else [],
            initial={"held_on": timezone.localdate()},
        )
    elif may_work:
        form = ClosureForm(data, initial={"decided_on": timezone.localdate()})
    if request.method == "POST":
        if form is None:
            log(request, AccessAction.UPDATE, file.number, purpose, allowed=False)
            messages.error(request, CANNOT_WORK)
            return redirect("casusoverleg:task", task_id=task.pk)
        if form.is_valid():
            d = form.cleaned_data
            if name == "review":

                def action():
                    return services.progress_review_record(
                        file,
                        by=request.user,
                        held_on=d["held_on"],
                        summary=d["summary"],
                        items=form.items(),
                        outcome=d["outcome"],
                        closure_reason=d["closure_reason"],
                    )
            else:

                def action():
                    return services.closure_decide(
                        file,
                        by=request.user,
                        outcome=d["outcome"],
                        decided_on=d["decided_on"],
                        motivation=d["motivation"],
                    )

            try:
                flow_services.task_complete(task, request.user, action)
            except flow_services.TaskUnavailable as error:
                messages.error(request, error.message)
                return redirect("casusoverleg:task", task_id=task.pk)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
            else:
                log(request, AccessAction.UPDATE, file.number, purpose)
                messages.success(request, f"‘{task.flow_task.task_title}’ is vastgelegd voor dossier {file.number}.")
                return redirect("casusoverleg:index")
    log(request, AccessAction.READ, file.number, purpose)
    visible = selectors.casus_files_visible_to(request.user).filter(pk=file.pk).exists()
    advice = file.reviews.filter(outcome="afsluiting_adviseren").order_by("-pk").first()
    context = {
        "task": task,
        "file": file,
        "form": form,
        "may_work": may_work,
        "full_access": visible,
        "plan": plan_in_force,
        "measures": list(plan_in_force.measures.select_related("responsible_party")) if plan_in_force else [],
        "advice": advice,
        "detail_url": reverse("casusoverleg:detail", kwargs={"number": file.number}) if visible else "",
    }
    return render(request, "casusoverleg/task.html", context, status=400 if form is not None and form.errors else 200)


def _lifecycle(request: HttpRequest, task_id: int, operation, done: str, purpose: str) -> HttpResponse:
    task, file = _task_and_file(request, task_id, purpose)
    try:
        operation(task)
    except flow_services.TaskUnavailable as error:
        log(request, AccessAction.UPDATE, file.number, purpose, allowed=False)
        messages.error(request, error.message)
    else:
        log(request, AccessAction.UPDATE, file.number, purpose)
        messages.success(request, done)
    return redirect("casusoverleg:task", task_id=task.pk)


@require_POST
def task_claim(request: HttpRequest, task_id: int) -> HttpResponse:
    return _lifecycle(
        request,
        task_id,
        lambda task: flow_services.task_claim(task, request.user),
        "U hebt de taak opgepakt.",
        "casusoverleg: taak oppakken",
    )


@require_POST
def task_release(request: HttpRequest, task_id: int) -> HttpResponse:
    return _lifecycle(
        request,
        task_id,
        lambda task: flow_services.task_release(task, request.user),
        "De taak staat weer klaar voor de groep.",
        "casusoverleg: taak vrijgeven",
    )
