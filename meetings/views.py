"""/werk/overleggen/: weegploeg and casusoverleg meetings — list, create, attendance and agenda.

Every screen is declared through the one access entry point (``access.screens.work_screen``);
the rules live in ``meetings/access_rules.py``. URLs carry only the meeting's number (no personal data).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from access.screens import access_allowed, work_screen
from meetings import services
from meetings.forms import AgendaForm, AttendanceForm, MeetingForm
from meetings.models import Meeting

OBJECT_TYPE = "overleg"


def meeting_load(request: HttpRequest, pk: int, **_) -> Meeting | None:
    return Meeting.objects.filter(pk=pk).first()


def _screen(rule: str, purpose: str, *, load=None, methods=("GET",)):
    return work_screen(
        rule=rule, purpose=purpose, object_type=OBJECT_TYPE, screen_ref="overleggen", load=load, methods=methods
    )


@_screen("meetings.view_meetings", "overleggen: lijst")
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = list(Meeting.objects.prefetch_related("parties_present", "agenda_items")[:200])
    request.access.listed(meetings)
    context = {
        "meetings": meetings,
        "may_manage": access_allowed(request.user, "meetings.manage_meetings"),
        "may_confirm": access_allowed(request.user, "meetings.view_pending_decisions"),
    }
    return render(request, "meetings/list.html", context)


@_screen("meetings.manage_meetings", "overleggen: overleg aanmaken", methods=("GET", "POST"))
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.access.created(meeting)
            messages.success(request, f"Het overleg van {meeting.held_on:%d-%m-%Y} is aangemaakt.")
            return redirect("meetings:agenda", pk=meeting.pk)
    return render(request, "meetings/create.html", {"form": form}, status=400 if form.errors else 200)


@_screen("meetings.view_meetings", "overleggen: agenda", load=meeting_load, methods=("GET", "POST"))
def meeting_agenda(request: HttpRequest, meeting: Meeting, pk: int) -> HttpResponse:
    may_manage = access_allowed(request.user, "meetings.manage_meetings")
    form = AgendaForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        if form is None:
            messages.error(request, "Alleen de uitvoerder stelt de agenda vast. Er is niets gewijzigd.")
            return redirect("meetings:agenda", pk=meeting.pk)
        try:
            if "remove" in request.POST:
                services.meeting_agenda_remove(meeting, by=request.user, item_id=int(request.POST["remove"] or 0))
                request.access.changed(meeting)
                messages.success(request, "Het agendapunt is verwijderd.")
                return redirect("meetings:agenda", pk=meeting.pk)
            if form.is_valid():
                item = services.meeting_agenda_add(meeting, by=request.user, number=form.cleaned_data["number"])
                request.access.changed(meeting)
                messages.success(request, f"Dossier {item.number} staat op de agenda.")
                return redirect("meetings:agenda", pk=meeting.pk)
        except ValueError:
            messages.error(request, "Ongeldige keuze. Er is niets gewijzigd.")
            return redirect("meetings:agenda", pk=meeting.pk)
        except ValidationError as error:
            form.add_error("number", error)
    items = list(meeting.agenda_items.select_related("weegploeg_file", "casus_file"))
    request.access.listed([meeting, *[item.number for item in items]])
    context = {
        "meeting": meeting,
        "items": items,
        "form": form,
        "kernpartijen": services.kernpartijen_present(meeting),
        "attendees": list(meeting.attendees.select_related("party").order_by("party__name", "last_name")),
        "parties": list(meeting.parties_present.order_by("name")),
        "quorum": services.meeting_quorum(),
        "decisions": list(meeting.decisions.order_by("recorded_at")),
        "may_manage": may_manage,
    }
    return render(request, "meetings/agenda.html", context, status=400 if form is not None and form.errors else 200)


@_screen("meetings.manage_meetings", "overleggen: aanwezigheid vastleggen", load=meeting_load, methods=("GET", "POST"))
def meeting_attendance(request: HttpRequest, meeting: Meeting, pk: int) -> HttpResponse:
    initial = {"parties": list(meeting.parties_present.all()), "users": list(meeting.attendees.all())}
    form = AttendanceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_attendance_record(
                meeting, by=request.user, parties=form.cleaned_data["parties"], users=form.cleaned_data["users"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.access.changed(meeting)
            messages.success(request, "De aanwezigheid is vastgelegd.")
            return redirect("meetings:agenda", pk=meeting.pk)
    context = {"meeting": meeting, "form": form, "quorum": services.meeting_quorum()}
    return render(request, "meetings/attendance.html", context, status=400 if form.errors else 200)
