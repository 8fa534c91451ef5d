"""The information-duty follow-up screens of the uitvoerder (art. 11.3-5): the deferred duties,
one file's re-checks and the letter that informs the subject (art. 11.5, art. 14 AVG).

Declared through the one access entry point like every rights screen (``rights.views``); the
log rows name the weegploeg file number only.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from access.screens import work_screen
from pdf.render import render_to_pdf
from rights.forms import DutyCheckForm
from rights.models import InformationDutyFollowUp
from rights.selectors.information_duty import deferred_duties_open, duty_next_check
from rights.selectors.overview import subject_overview
from rights.services.information_duty import information_duty_check
from rights.views import FILE_TYPE, pdf_response
from weegploeg.models import DutyOutcome, InformationDuty, Outcome

DUTY = "rights.follow_up_information_duty"


def duty_load(request: HttpRequest, number: str, **_):
    """The information duty of the weegploeg file with this number; the rule decides."""
    return InformationDuty.objects.select_related("file__subject").filter(file__number=number).first()


def duty_ref(duty) -> str:
    return duty.file.number


@work_screen(
    rule=DUTY, purpose="rechten: informatieplicht opvolgen", object_type=FILE_TYPE, screen_ref="informatieplicht"
)
def duties(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = []
    for duty in deferred_duties_open():
        due = duty_next_check(duty)
        left = (due - today).days if due else None
        rows.append({"duty": duty, "due": due, "days_left": left, "overdue": left is not None and left < 0})
    informed = list(InformationDutyFollowUp.objects.filter(informed_on__isnull=False).select_related("duty__file")[:20])
    request.access.listed([*(row["duty"].file.number for row in rows), *(f.duty.file.number for f in informed)])
    return render(request, "rights/duties.html", {"rows": rows, "informed": informed})


@work_screen(
    rule=DUTY,
    purpose="rechten: informatieplicht opvolgen",
    object_type=FILE_TYPE,
    screen_ref="informatieplicht-dossier",
    load=duty_load,
    ref=duty_ref,
    methods=("GET", "POST"),
)
def duty(request: HttpRequest, the_duty, number: str) -> HttpResponse:
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
                check = information_duty_check(
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
                request.access.changed(the_duty)
                if check.ground_remains:
                    messages.success(request, f"De beoordeling is vastgelegd voor dossier {the_duty.file.number}.")
                else:
                    messages.success(
                        request, "Vastgelegd: de betrokkene wordt nu geïnformeerd. Download de brief hieronder."
                    )
                return redirect("rights:duty", number=the_duty.file.number)
    request.access.read(the_duty)
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


@work_screen(
    rule=DUTY,
    purpose="rechten: brief informatieplicht (art. 11.5)",
    object_type=FILE_TYPE,
    screen_ref="informatieplicht-brief",
    load=duty_load,
    ref=duty_ref,
)
def duty_letter(request: HttpRequest, the_duty, number: str) -> HttpResponse:
    """Art. 11.5, art. 14 AVG: the letter that informs the subject, once no ground remains."""
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
    request.access.exported(the_duty)
    return pdf_response(data, f"informatiebrief-{file.number}.pdf")
