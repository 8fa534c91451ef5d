"""The casusoverleg screens at /werk/casussen/ (own Dutch views; viewflow's lifecycle underneath).

Every screen is declared through the one access entry point (``access.screens.work_screen``): the
case rule of ``casusoverleg.access_rules`` (art. 9.1, 9.4, 10.4, 10.5, 13.2) on the file loaded
by number, the secrecy duty (art. 14), and the access-log rows. A refused number and a
non-existent one get the same 403. Lists show case numbers and initials only; the search takes
its terms by POST (never in a URL) and logs the cases it showed, never the terms. The plan
screens are in ``casusoverleg.plan_views``, the task screens in ``flows.casusoverleg``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from viewflow.workflow.models import Task

from access.screens import work_screen
from accesslog.models import AccessAction
from casusoverleg import selectors
from casusoverleg.agendering import participant_add
from casusoverleg.forms import (
    AdviceAnswerForm,
    AdviceForm,
    ContributionForm,
    DisclosureForm,
    IntervalForm,
    ParticipantForm,
    PersonForm,
)
from casusoverleg.models import CasusoverlegFile, CasusParticipant, LegalGround
from casusoverleg.registers import (
    CONVENANT_ROLES,
    advice_answer_record,
    advice_request_record,
    contribution_add,
    disclosure_register,
    legal_ground_for,
    person_add,
)
from casusoverleg.review import review_interval_set
from casusoverleg.worklist import case_list
from core import tasks as task_lifecycle
from core.processes import ProcessKind, process_flow
from parties.models import Party, PartyRole

OBJECT_TYPE = "casusoverleg_file"
SEARCH_MAX = 100


def file_load(request: HttpRequest, number: str, **_) -> CasusoverlegFile | None:
    """The file by number, archived or not: the rule decides (a refusal and a miss look alike)."""
    return CasusoverlegFile.objects.select_related("subject").filter(number=number).first()


def case_screen(rule: str, purpose: str, *, methods=("GET",)):
    """A screen of one case (URL kwarg ``number``): the view receives the loaded file."""
    return work_screen(
        rule=rule, purpose=purpose, object_type=OBJECT_TYPE, screen_ref="casusoverleg", load=file_load, methods=methods
    )


def _detail(file: CasusoverlegFile):
    return redirect("casusoverleg:detail", number=file.number)


def participant_parties(file: CasusoverlegFile):
    return Party.objects.filter(pk__in=CasusParticipant.objects.filter(file=file).values("party_id")).order_by(
        "role", "name"
    )


def open_task(file: CasusoverlegFile, name: str) -> Task | None:
    if not file.process_id:
        return None
    return (
        Task.objects.filter(
            process_id=file.process_id,
            flow_task=getattr(process_flow(ProcessKind.CASUSOVERLEG), name),
            status__in=task_lifecycle.OPEN_STATUSES,
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
    action: Callable[[dict], object],
    success: str,
    log_action: str = AccessAction.CREATE,
) -> HttpResponse:
    """A simple form on a case: validate, run the service, record the change, and back to the case."""
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            messages_ = error.messages if isinstance(error, ValidationError) else [str(error)]
            for message in messages_:
                form.add_error(None, message)
        else:
            request.access.changed(file, log_action)
            messages.success(request, success)
            return _detail(file)
    context = {"file": file, "form": form, "title": title, "intro": intro, "submit": submit}
    return render(request, "casusoverleg/form.html", context, status=400 if form.errors else 200)


# --- Lists ------------------------------------------------------------------------------------------


@work_screen(
    rule="casusoverleg.view_worklist",
    purpose="casusoverleg: werkbak",
    object_type=OBJECT_TYPE,
    screen_ref="werkbak",
    methods=("GET", "POST"),
)
def index(request: HttpRequest) -> HttpResponse:
    """The work list: my tasks, tasks I may take, and the cases I may see (with overdue flags).

    The search takes its terms by POST only (a name is personal data, never in a URL: issue 13
    item 11); a ``q`` in the query string is ignored. One row names the cases the page showed."""
    user = request.user
    query = (request.POST.get("q") or "").strip()[:SEARCH_MAX] if request.method == "POST" else ""
    today = timezone.localdate()
    cases = case_list(user, today, request.GET, query) if selectors.casus_any_access(user) else None
    mine, available = selectors.task_rows(user, today)
    shown = (cases.numbers if cases else []) + [row.file_number for row in (*mine, *available)]
    request.access.listed(shown, AccessAction.SEARCH if query else AccessAction.READ)
    context = {
        "cases": cases,
        "list": cases.state if cases else None,
        "columns": cases.state.columns(cases.columns) if cases else [],
        "query": query,
        "searched": request.method == "POST",
        "mine": mine,
        "available": available,
        "plan_only": selectors.casus_is_external(user),
    }
    return render(request, "casusoverleg/index.html", context)


# --- The file ---------------------------------------------------------------------------------------


@case_screen("casusoverleg.view_file", "casusoverleg: dossier inzien")
def detail(request: HttpRequest, file: CasusoverlegFile, number: str) -> HttpResponse:
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
        "tasks": [t for t in (open_task(file, n) for n in ("adopt_plan", "review", "decide_closure")) if t],
        "interval_form": IntervalForm(initial={"months": file.review_interval_months}),
        "today": timezone.localdate(),
    }
    return render(request, "casusoverleg/detail.html", context)


# --- Participants, persons, contributions, advice, disclosures -------------------------------------


@case_screen("casusoverleg.record_participant", "casusoverleg: deelnemer toevoegen", methods=("GET", "POST"))
def participant_new(request: HttpRequest, file: CasusoverlegFile, number: str) -> HttpResponse:
    existing = CasusParticipant.objects.filter(file=file).values_list("party_id", flat=True)
    form = ParticipantForm(request.POST or None, exclude_ids=list(existing))
    return _form_screen(
        request,
        file,
        form,
        title="Deelnemer toevoegen",
        intro="Voeg een partij of externe casuspartner toe die nodig is voor het plan van aanpak (art. 9.1).",
        submit="Toevoegen",
        action=lambda d: participant_add(file, by=request.user, party=d["party"], reason=d["reason"]),
        success="De deelnemer is toegevoegd.",
    )


@case_screen("casusoverleg.record_person", "casusoverleg: persoon vastleggen", methods=("GET", "POST"))
def person_new(request: HttpRequest, file: CasusoverlegFile, number: str) -> HttpResponse:
    return _form_screen(
        request,
        file,
        PersonForm(request.POST or None),
        title="Achterblijver of persoon uit het sociale netwerk vastleggen",
        intro="Alleen voor zover nodig voor de uitvoering van het plan van aanpak (art. 10.2f-g). "
        "De inbreng wordt vastgelegd met de grondslag van uw organisatie (art. 6).",
        submit="Vastleggen",
        action=lambda d: person_add(file, by=request.user, **d),
        success="De persoon is vastgelegd.",
    )


@case_screen("casusoverleg.record_contribution", "casusoverleg: gegevens inbrengen", methods=("GET", "POST"))
def contribution_new(request: HttpRequest, file: CasusoverlegFile, number: str) -> HttpResponse:
    ground = legal_ground_for(request.user.party)

    label = LegalGround(ground).label if ground else "geen (uw organisatie heeft geen grondslag in art. 6)"
    return _form_screen(
        request,
        file,
        ContributionForm(request.POST or None),
        title="Gegevens inbrengen",
        intro=f"U brengt gegevens in namens {request.user.party.name} op grond van art. 6 {label}.",
        submit="Inbrengen",
        action=lambda d: contribution_add(file, by=request.user, **d),
        success="De gegevens zijn ingebracht.",
    )


@case_screen("casusoverleg.request_advice", "casusoverleg: advies vragen", methods=("GET", "POST"))
def advice_new(request: HttpRequest, file: CasusoverlegFile, number: str) -> HttpResponse:
    return _form_screen(
        request,
        file,
        AdviceForm(request.POST or None, initial={"requested_on": timezone.localdate()}),
        title="Adviesaanvraag vastleggen",
        intro="Advies van de NCTV of een andere deskundige (art. 9.5). Leg vast of er persoonsgegevens zijn gedeeld.",
        submit="Vastleggen",
        action=lambda d: advice_request_record(file, by=request.user, **d),
        success="De adviesaanvraag is vastgelegd.",
    )


@case_screen("casusoverleg.record_advice_answer", "casusoverleg: adviesantwoord vastleggen", methods=("GET", "POST"))
def advice_answer(request: HttpRequest, file: CasusoverlegFile, number: str, pk: int) -> HttpResponse:
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
        action=lambda d: advice_answer_record(advice, by=request.user, **d),
        success="Het antwoord is vastgelegd.",
        log_action=AccessAction.UPDATE,
    )


@case_screen("casusoverleg.disclose", "casusoverleg: verstrekkingenregister", methods=("GET", "POST"))
def disclosures(request: HttpRequest, file: CasusoverlegFile, number: str) -> HttpResponse:
    """Art. 10.5: the disclosure register of this case, and a new disclosure (with consent)."""
    parties = participant_parties(file)
    form = DisclosureForm(
        request.POST or None,
        externals=parties.filter(role=PartyRole.EXTERNE_CASUSPARTNER),
        convenant_parties=parties.filter(role__in=CONVENANT_ROLES),
    )
    if request.method == "POST" and form.is_valid():
        try:
            disclosure_register(file, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # e.g. consent missing: nothing is disclosed
        else:
            request.access.changed(file, AccessAction.DISCLOSE)
            messages.success(request, "De verstrekking is vastgelegd en de gegevens zijn zichtbaar voor de partner.")
            return redirect("casusoverleg:disclosures", number=file.number)
    context = {
        "file": file,
        "form": form,
        "rows": list(
            file.disclosures.select_related("recipient", "disclosed_by").prefetch_related("consenting_parties")
        ),
    }
    return render(request, "casusoverleg/disclosures.html", context, status=400 if form.errors else 200)


@case_screen("casusoverleg.set_review_interval", "casusoverleg: termijn voortgangsbespreking", methods=("POST",))
def interval(request: HttpRequest, file: CasusoverlegFile, number: str) -> HttpResponse:
    form = IntervalForm(request.POST)
    if form.is_valid():
        try:
            review_interval_set(file, by=request.user, months=form.cleaned_data["months"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            request.access.changed(file)
            messages.success(request, "De termijn van de voortgangsbespreking is aangepast.")
            return _detail(file)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _detail(file)
