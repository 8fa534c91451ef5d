"""The rights screens (art. 11.3-5, 12) for the uitvoerder.

Each screen checks the role first (403, logged), then the secrecy duty, and writes the access log
with the request number ("R-2026-0001") or file number only. Tasks are completed through
``flows.services.task_complete`` (claim, business write and next step in one locked transaction).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from viewflow.workflow.models import Task

from accesslog.models import AccessAction
from flows import services as flow_services
from rights import services
from rights.access import log, screen
from rights.flows import RightsRequestFlow
from rights.forms import (
    CorrectionDecideForm,
    CorrectionExecuteForm,
    DutyCheckForm,
    IdentityForm,
    InzageForm,
    RegisterForm,
)
from rights.models import CorrectionDecision, InzageDecision, OverviewSection, RequestStatus, RightsRequest
from rights.selectors import (
    deadlines_dashboard,
    deferred_duties_open,
    duty_next_check,
    open_requests,
    rights_request_for,
    subject_overview,
)

CANNOT_WORK = "Deze stap kan nu niet worden vastgelegd. Er is niets gewijzigd."


def _request_or_404(request: HttpRequest, number: str) -> RightsRequest:
    found = rights_request_for(request.user, number)
    if found is None:
        raise Http404
    return found


def _open_task(rights_request: RightsRequest) -> Task | None:
    if not rights_request.process_id:
        return None
    return (
        Task.objects.filter(
            process_id=rights_request.process_id,
            process__flow_class=RightsRequestFlow,
            status__in=flow_services.OPEN_STATUSES,
        )
        .order_by("-pk")
        .first()
    )


def _rows(requests, today):
    rows = []
    for r in requests:
        nxt = r.next_deadline()
        left = (nxt[1] - today).days if nxt else None
        rows.append({"request": r, "deadline": nxt, "days_left": left, "overdue": left is not None and left < 0})
    return rows


@screen("rechten: overzicht verzoeken")
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = _rows(open_requests(), today)
    rows.sort(key=lambda row: (row["deadline"] is None, row["deadline"][1] if row["deadline"] else today))
    done = RightsRequest.objects.filter(status=RequestStatus.AFGEROND).order_by("-received_on", "-pk")[:20]
    log(request, AccessAction.READ, "rechten-overzicht", "rechten: overzicht verzoeken")
    return render(request, "rights/index.html", {"rows": rows, "done": done})


@screen("rechten: termijnen")
@require_GET
def deadlines(request: HttpRequest) -> HttpResponse:
    data = deadlines_dashboard()
    log(request, AccessAction.READ, "termijnen", "rechten: overzicht wettelijke termijnen")
    return render(request, "rights/deadlines.html", data)


@screen("rechten: verzoek registreren")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        corrections = form.corrections()
        if not form.errors:
            try:
                created = services.rights_request_register(
                    by=request.user,
                    weegploeg_number=data["weegploeg_number"],
                    kind=data["kind"],
                    received_on=data["received_on"],
                    requester_kind=data["requester_kind"],
                    reply_address=data["reply_address"],
                    requester_name=data["requester_name"],
                    under_curatele=data["under_curatele"],
                    under_mentorschap=data["under_mentorschap"],
                    corrections=corrections,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                log(request, AccessAction.CREATE, created.number, "rechten: verzoek registreren")
                log(
                    request,
                    AccessAction.READ,
                    created.weegploeg_number,
                    "rechten: verzoek registreren",
                    object_type="weegploeg_file",
                )
                messages.success(request, f"Het verzoek is geregistreerd onder nummer {created.number}.")
                return redirect("rights:detail", number=created.number)
    return render(request, "rights/register.html", {"form": form}, status=400 if form.errors else 200)


def _task_form(task: Task | None, rights_request: RightsRequest, data=None):
    if task is None:
        return None
    name = task.flow_task.name
    if name == "identify":
        return IdentityForm(data)
    if name == "inzage":
        return InzageForm(data)
    if name == "correction_decide":
        return CorrectionDecideForm(data, corrections=list(rights_request.corrections.all()))
    if name == "correction_execute":
        return CorrectionExecuteForm(data)
    return None


def _task_action(task: Task, rights_request: RightsRequest, data: dict, result: dict):
    name = task.flow_task.name
    if name == "identify":
        return lambda: services.identity_record(
            rights_request, established_on=data["established_on"], method=data["method"], note=data["note"]
        )
    if name == "inzage":
        return lambda: services.inzage_answer(
            rights_request,
            decision=data["decision"],
            answered_on=data["answered_on"],
            ground=data["ground"],
            motivation=data["motivation"],
            withheld_sections=data["withheld_sections"],
        )
    if name == "correction_decide":
        return lambda: services.correction_decide(
            rights_request,
            decided_on=data["decided_on"],
            accepted_ids=[int(pk) for pk in data["accepted"]],
            motivation=data["motivation"],
        )

    def execute():
        result.update(services.correction_execute(rights_request, executed_on=data["executed_on"]))

    return execute


def _after_task(request: HttpRequest, task: Task, rights_request: RightsRequest, result: dict) -> None:
    name = task.flow_task.name
    purpose = f"rechten: {task.flow_task.task_title}"[:200]
    log(request, AccessAction.UPDATE, rights_request.number, purpose)
    if name == "inzage" and rights_request.inzage_decision != InzageDecision.GEWEIGERD:
        # Art. 12.3: the overview was handed over to the requester: an export of the subject's data.
        log(request, AccessAction.EXPORT, rights_request.number, "rechten: inzageoverzicht verstrekt (art. 12.3)")
        log(
            request,
            AccessAction.EXPORT,
            rights_request.weegploeg_number,
            "rechten: inzageoverzicht verstrekt (art. 12.3)",
            object_type="weegploeg_file",
        )
    if name == "correction_execute":
        for number in result.get("weegploeg", []):
            log(
                request,
                AccessAction.UPDATE,
                number,
                "rechten: correctie uitgevoerd (art. 12.6)",
                object_type="weegploeg_file",
            )
        for number in result.get("casusoverleg", []):
            log(
                request,
                AccessAction.UPDATE,
                number,
                "rechten: correctie uitgevoerd (art. 12.6)",
                object_type="casusoverleg_file",
            )


@screen("rechten: verzoek behandelen")
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, number: str) -> HttpResponse:
    rights_request = _request_or_404(request, number)
    task = _open_task(rights_request)
    form = _task_form(task, rights_request, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            log(request, AccessAction.UPDATE, rights_request.number, "rechten: verzoek behandelen", allowed=False)
            messages.error(request, CANNOT_WORK)
            return redirect("rights:detail", number=rights_request.number)
        if form.is_valid():
            result: dict = {}
            try:
                flow_services.task_complete(
                    task, request.user, _task_action(task, rights_request, form.cleaned_data, result)
                )
            except flow_services.TaskUnavailable as error:
                messages.error(request, error.message)
                return redirect("rights:detail", number=rights_request.number)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                rights_request.refresh_from_db()
                _after_task(request, task, rights_request, result)
                messages.success(
                    request, f"‘{task.flow_task.task_title}’ is vastgelegd voor verzoek {rights_request.number}."
                )
                return redirect("rights:detail", number=rights_request.number)
        rights_request.refresh_from_db()
    log(request, AccessAction.READ, rights_request.number, "rechten: verzoek behandelen")
    today = timezone.localdate()
    deadlines = [
        {"what": what, "due": due, "days_left": (due - today).days, "overdue": due < today}
        for what, due in rights_request.open_deadlines()
    ]
    context = {
        "r": rights_request,
        "task": task,
        "form": form,
        "deadlines": deadlines,
        "corrections": list(rights_request.corrections.all()),
        "notices": list(rights_request.notices.select_related("party")),
        "may_download_overview": rights_request.wants_inzage and rights_request.identity_established_on is not None,
        "has_refusal": _has_refusal(rights_request),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "rights/detail.html", context, status=status)


def _has_refusal(r: RightsRequest) -> bool:
    return r.inzage_decision in (InzageDecision.GEWEIGERD, InzageDecision.DEELS_GEWEIGERD) or r.correction_decision in (
        CorrectionDecision.AFGEWEZEN,
        CorrectionDecision.DEELS,
    )


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@screen("rechten: inzageoverzicht")
@require_GET
def overview_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """Art. 12.3: the overview in understandable Dutch, without the parts refused (art. 12.4)."""
    from pdf.render import render_to_pdf

    rights_request = _request_or_404(request, number)
    if not rights_request.wants_inzage or rights_request.identity_established_on is None:
        messages.error(request, "Het overzicht kan pas worden gemaakt als de identiteit is vastgesteld (art. 12.3).")
        return redirect("rights:detail", number=rights_request.number)
    if rights_request.inzage_decision == InzageDecision.GEWEIGERD or rights_request.subject_id is None:
        messages.error(request, "Voor dit verzoek wordt geen overzicht verstrekt.")
        return redirect("rights:detail", number=rights_request.number)
    overview = subject_overview(rights_request.subject)
    withheld = set(rights_request.withheld_sections or [])
    context = {
        "r": rights_request,
        "o": overview,
        "show": {s: s not in withheld for s in OverviewSection.values},
        "withheld_labels": [OverviewSection(s).label for s in rights_request.withheld_sections or []],
        "today": timezone.localdate(),
    }
    data = render_to_pdf("rights/overview_pdf.html", context, request=request)
    log(request, AccessAction.EXPORT, rights_request.number, "rechten: inzageoverzicht als PDF (art. 12.3)")
    log(
        request,
        AccessAction.EXPORT,
        rights_request.weegploeg_number,
        "rechten: inzageoverzicht als PDF (art. 12.3)",
        object_type="weegploeg_file",
    )
    return _pdf_response(data, f"inzage-{rights_request.number}.pdf")


@screen("rechten: afwijzingsbrief")
@require_GET
def refusal_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """Art. 12.4: the reasoned refusal (wholly or partly), naming the art. 41 UAVG ground."""
    from pdf.render import render_to_pdf

    rights_request = _request_or_404(request, number)
    if not _has_refusal(rights_request):
        messages.error(request, "Voor dit verzoek is niets geweigerd of afgewezen.")
        return redirect("rights:detail", number=rights_request.number)
    context = {
        "r": rights_request,
        "withheld_labels": [OverviewSection(s).label for s in rights_request.withheld_sections or []],
        "rejected": list(rights_request.corrections.filter(accepted=False)),
        "today": timezone.localdate(),
    }
    data = render_to_pdf("rights/refusal_pdf.html", context, request=request)
    log(request, AccessAction.EXPORT, rights_request.number, "rechten: afwijzingsbrief (art. 12.4)")
    return _pdf_response(data, f"afwijzing-{rights_request.number}.pdf")


# --- Information duty follow-up (art. 11.3-5) ---------------------------------------------------


def _duty_or_404(number: str):
    from weegploeg.models import InformationDuty

    duty = InformationDuty.objects.select_related("file__subject").filter(file__number=number).first()
    if duty is None:
        raise Http404
    return duty


@screen("rechten: informatieplicht opvolgen")
@require_GET
def duties(request: HttpRequest) -> HttpResponse:
    from rights.models import InformationDutyFollowUp

    today = timezone.localdate()
    rows = []
    for duty in deferred_duties_open():
        due = duty_next_check(duty)
        left = (due - today).days if due else None
        rows.append({"duty": duty, "due": due, "days_left": left, "overdue": left is not None and left < 0})
    informed = InformationDutyFollowUp.objects.filter(informed_on__isnull=False).select_related("duty__file")[:20]
    log(request, AccessAction.READ, "informatieplicht", "rechten: informatieplicht opvolgen")
    return render(request, "rights/duties.html", {"rows": rows, "informed": informed})


@screen("rechten: informatieplicht opvolgen")
@require_http_methods(["GET", "POST"])
def duty(request: HttpRequest, number: str) -> HttpResponse:
    from weegploeg.models import DutyOutcome

    the_duty = _duty_or_404(number)
    follow_up = getattr(the_duty, "follow_up", None)
    open_duty = the_duty.outcome == DutyOutcome.DEFER and the_duty.informed_on is None
    form = DutyCheckForm(request.POST or None) if open_duty else None
    if request.method == "POST":
        if form is None:
            messages.error(request, "Voor dit dossier is de informatieplicht al nagekomen. Er is niets gewijzigd.")
            return redirect("rights:duty", number=the_duty.file.number)
        if form.is_valid():
            data = form.cleaned_data
            try:
                check = services.information_duty_check(
                    the_duty,
                    by=request.user,
                    checked_on=data["checked_on"],
                    ground_remains=data["ground_remains"] == "ja",
                    note=data["note"],
                    ground=data["ground"],
                    next_check_on=data["next_check_on"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                log(
                    request,
                    AccessAction.UPDATE,
                    the_duty.file.number,
                    "rechten: informatieplicht beoordeeld",
                    object_type="weegploeg_file",
                )
                if check.ground_remains:
                    messages.success(request, f"De beoordeling is vastgelegd voor dossier {the_duty.file.number}.")
                else:
                    messages.success(
                        request, "Vastgelegd: de betrokkene wordt nu geïnformeerd. Download de brief hieronder."
                    )
                return redirect("rights:duty", number=the_duty.file.number)
    log(
        request,
        AccessAction.READ,
        the_duty.file.number,
        "rechten: informatieplicht opvolgen",
        object_type="weegploeg_file",
    )
    checks = list(follow_up.checks.select_related("checked_by")) if follow_up else []
    context = {
        "duty": the_duty,
        "file": the_duty.file,
        "follow_up": follow_up,
        "next_check": duty_next_check(the_duty),
        "checks": checks,
        "form": form,
        "informed_on": the_duty.informed_on or (follow_up.informed_on if follow_up else None),
    }
    return render(request, "rights/duty.html", context, status=400 if form is not None and form.errors else 200)


@screen("rechten: brief informatieplicht")
@require_GET
def duty_letter(request: HttpRequest, number: str) -> HttpResponse:
    """Art. 11.5, art. 14 AVG: the letter that informs the subject, once no ground remains."""
    from pdf.render import render_to_pdf
    from weegploeg.models import Outcome

    the_duty = _duty_or_404(number)
    informed_on = the_duty.informed_on
    if informed_on is None:
        messages.error(
            request, "De brief kan pas worden gemaakt als er geen grond meer is om het informeren uit te stellen."
        )
        return redirect("rights:duty", number=the_duty.file.number)
    file = the_duty.file
    decision = getattr(file, "decision", None)
    overview = subject_overview(file.subject)
    no_measures = (decision is not None and decision.outcome == Outcome.NIET_AGENDEREN) or bool(file.plan_closed_on)
    context = {
        "file": file,
        "subject": file.subject,
        "informed_on": informed_on,
        "o": overview,
        "decision": decision,
        "no_measures": no_measures,
        "today": timezone.localdate(),
    }
    data = render_to_pdf("rights/duty_letter_pdf.html", context, request=request)
    log(
        request,
        AccessAction.EXPORT,
        file.number,
        "rechten: brief informatieplicht (art. 11.5)",
        object_type="weegploeg_file",
    )
    return _pdf_response(data, f"informatiebrief-{file.number}.pdf")
