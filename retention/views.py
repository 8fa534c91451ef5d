"""Screens of retention (art. 13): the overview for the uitvoerder (due files, holds, destruction
lists and records), approving or cancelling a list, holds, reactivation (13.4), and consulting the
archive with a recorded reason (13.2).

Every screen is declared through the one access entry point (``access.screens.work_screen``):
the rules of ``retention/access_rules.py``, the secrecy duty, and the access log (one row per
object shown or changed; a list one row naming what it showed). A refused user and an unknown
list or hold get the same 403, with one denied row.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from access.screens import work_screen
from retention import selectors
from retention.files import OBJECT_TYPES, archived_file, kind_of
from retention.forms import ArchiveConsultForm, HoldForm, ReactivateForm
from retention.models import ArchiveConsultation, DestructionList, FileKind, ListStatus, RetentionHold
from retention.record_list import COLUMNS as RECORD_COLUMNS
from retention.record_list import record_list
from retention.services import holds as hold_services
from retention.services.lists import destruction_list_approve, destruction_list_cancel
from retention.services.reactivation import file_reactivate

PURPOSE = "Bewaartermijnen beheren (art. 13)"
ARCHIVE_PURPOSE = "Raadpleging gearchiveerd dossier (art. 13.2)"
OBJECT_TYPE = "retention"
MANAGE = "retention.manage_terms"


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def list_load(request: HttpRequest, pk: int, **_) -> DestructionList | None:
    """The destruction list by id; the rule decides (a refusal and a miss look alike)."""
    return selectors.destruction_lists().filter(pk=pk).first()


def list_ref(dlist: DestructionList) -> str:
    return f"lijst-{dlist.pk}"


def hold_load(request: HttpRequest, pk: int, **_) -> RetentionHold | None:
    return RetentionHold.objects.filter(pk=pk).first()


def hold_ref(hold: RetentionHold) -> str:
    return hold.file_number


@work_screen(rule=MANAGE, purpose=PURPOSE, object_type=OBJECT_TYPE, screen_ref="overzicht")
def overview(request: HttpRequest) -> HttpResponse:
    data = selectors.retention_overview()
    records = record_list(request.GET)  # issue 14 item 2: filters, sorting and pages
    request.access.listed(
        [
            *(hold.file_number for hold in data.holds),
            *(list_ref(dlist) for dlist in (*data.lists, *records.finished_lists)),
            *(record.file_number for record in records.state.objects),
        ]
    )
    context = {
        "overview": data,
        "records": records,
        "list": records.state,
        "columns": records.state.columns(RECORD_COLUMNS),
    }
    return render(request, "retention/overview.html", context)


@work_screen(rule=MANAGE, purpose=PURPOSE, object_type=OBJECT_TYPE, screen_ref="lijst", load=list_load, ref=list_ref)
def list_detail(request: HttpRequest, dlist: DestructionList, pk: int) -> HttpResponse:
    request.access.read(dlist)
    items = dlist.items.order_by("due_on", "pk")
    return render(request, "retention/list_detail.html", {"dlist": dlist, "items": items, "ListStatus": ListStatus})


@work_screen(
    rule=MANAGE,
    purpose=PURPOSE,
    object_type=OBJECT_TYPE,
    screen_ref="lijst",
    load=list_load,
    ref=list_ref,
    methods=("POST",),
)
def list_approve(request: HttpRequest, dlist: DestructionList, pk: int) -> HttpResponse:
    try:
        dlist = destruction_list_approve(dlist, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        request.access.changed(dlist)
        messages.success(
            request,
            f"Vernietigingslijst {pk} is goedgekeurd. De bedenktijd loopt tot "
            f"{dlist.cooling_off_until:%d-%m-%Y %H:%M}; tot dan kunt u de lijst annuleren.",
        )
    return redirect("retention:list_detail", pk=pk)


@work_screen(
    rule=MANAGE,
    purpose=PURPOSE,
    object_type=OBJECT_TYPE,
    screen_ref="lijst",
    load=list_load,
    ref=list_ref,
    methods=("POST",),
)
def list_cancel(request: HttpRequest, dlist: DestructionList, pk: int) -> HttpResponse:
    try:
        destruction_list_cancel(dlist, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        request.access.changed(dlist)
        messages.success(request, f"Vernietigingslijst {pk} is geannuleerd. Er wordt niets vernietigd.")
    return redirect("retention:list_detail", pk=pk)


@work_screen(rule=MANAGE, purpose=PURPOSE, object_type=OBJECT_TYPE, screen_ref="blokkade", methods=("GET", "POST"))
def hold_new(request: HttpRequest) -> HttpResponse:
    form = HoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hold = hold_services.hold_place(
                by=request.user,
                number=form.cleaned_data["file_number"],
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                incident=form.cleaned_data.get("incident"),
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            request.access.created(hold.file_number)
            messages.success(request, f"De blokkade op dossier {hold.file_number} is vastgelegd.")
            return redirect("retention:index")
    return render(request, "retention/hold_form.html", {"form": form})


@work_screen(
    rule=MANAGE,
    purpose=PURPOSE,
    object_type=OBJECT_TYPE,
    screen_ref="blokkade",
    load=hold_load,
    ref=hold_ref,
    methods=("POST",),
)
def hold_release(request: HttpRequest, hold: RetentionHold, pk: int) -> HttpResponse:
    try:
        hold_services.hold_release(hold, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        request.access.changed(hold)
        messages.success(request, f"De blokkade op dossier {hold.file_number} is beëindigd.")
    return redirect("retention:index")


@work_screen(rule=MANAGE, purpose=PURPOSE, object_type=OBJECT_TYPE, screen_ref="heractivering", methods=("GET", "POST"))
def reactivate(request: HttpRequest) -> HttpResponse:
    form = ReactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            order = file_reactivate(
                by=request.user,
                number=data["file_number"],
                order_reference=data["order_reference"],
                ordered_on=data["ordered_on"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            # Art. 13.4: the file is active again; the change is on record under its own type.
            request.access.changed(order.file_number, object_type=OBJECT_TYPES[FileKind(order.kind)])
            messages.success(
                request,
                f"Dossier {order.file_number} is weer actief en terug bij de weegploeg; de termijnen beginnen opnieuw.",
            )
            return redirect("retention:index")
    return render(request, "retention/reactivate.html", {"form": form})


@work_screen(
    rule="retention.consult_archive",
    purpose=ARCHIVE_PURPOSE,
    object_type="archief",
    screen_ref="archief",
    methods=("GET", "POST"),
)
def archive_consult(request: HttpRequest) -> HttpResponse:
    """Art. 13.2: a kernpartij user consults an archived file after giving a reason. The file
    number and the reason come by POST (never in the URL); the one log row names the file shown,
    never the reason or anything typed."""
    form = ArchiveConsultForm(request.POST or None)
    file = None
    kind = None
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["file_number"]
        kind = kind_of(number)
        file = archived_file(kind, number) if kind else None
        if file is None:
            form.add_error("file_number", "Er is geen gearchiveerd dossier met dit nummer.")
        else:
            ArchiveConsultation.objects.create(
                kind=kind,
                file_number=number,
                reason=form.cleaned_data["reason"],
                user=request.user,
                party=request.user.party,
            )
    if file is not None:
        request.access.listed([file.number], object_type=OBJECT_TYPES[kind])
    else:
        request.access.listed([])  # the form only, or no archived file found: nothing shown
    return render(
        request,
        "retention/archive.html",
        {"form": form, "file": file, "is_weegploeg": kind == FileKind.WEEGPLOEG},
    )
