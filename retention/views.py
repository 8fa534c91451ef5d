"""Screens of retention (art. 13): the overview for the uitvoerder (due files, holds, destruction
lists and records), approving or cancelling a list, holds, reactivation (13.4), and consulting the
archive with a logged reason (13.2). Every screen logs access; refused attempts are logged too."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accesslog.models import AccessAction
from accesslog.services import access_log_write
from retention import selectors, services
from retention.forms import ArchiveConsultForm, HoldForm, ReactivateForm
from retention.models import ArchiveConsultation, DestructionList, FileKind, ListStatus, RetentionHold

PURPOSE = "Bewaartermijnen beheren (art. 13)"
ARCHIVE_PURPOSE = "Raadpleging gearchiveerd dossier (art. 13.2)"


def _log(request, action, ref: str, purpose: str = PURPOSE, allowed: bool = True, object_type: str = "retention"):
    access_log_write(request, action=action, object_type=object_type, object_ref=ref, purpose=purpose, allowed=allowed)


def _require_manager(request: HttpRequest, ref: str) -> None:
    if not selectors.retention_may_manage(request.user):
        _log(request, AccessAction.READ, ref, allowed=False)
        raise PermissionDenied


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    _require_manager(request, "overzicht")
    data = selectors.retention_overview()
    _log(request, AccessAction.READ, "overzicht")
    return render(request, "retention/overview.html", {"overview": data})


def _list_or_404(pk: int) -> DestructionList:
    dlist = selectors.destruction_lists().filter(pk=pk).first()
    if dlist is None:
        raise Http404("Deze vernietigingslijst bestaat niet.")
    return dlist


@require_http_methods(["GET"])
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request, f"lijst-{pk}")
    dlist = _list_or_404(pk)
    _log(request, AccessAction.READ, f"lijst-{pk}")
    items = dlist.items.order_by("due_on", "pk")
    return render(request, "retention/list_detail.html", {"dlist": dlist, "items": items, "ListStatus": ListStatus})


@require_POST
def list_approve(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request, f"lijst-{pk}")
    dlist = _list_or_404(pk)
    try:
        dlist = services.destruction_list_approve(dlist, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        _log(request, AccessAction.UPDATE, f"lijst-{pk}")
        messages.success(
            request,
            f"Vernietigingslijst {pk} is goedgekeurd. De bedenktijd loopt tot "
            f"{dlist.cooling_off_until:%d-%m-%Y %H:%M}; tot dan kunt u de lijst annuleren.",
        )
    return redirect("retention:list_detail", pk=pk)


@require_POST
def list_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request, f"lijst-{pk}")
    dlist = _list_or_404(pk)
    try:
        services.destruction_list_cancel(dlist, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        _log(request, AccessAction.UPDATE, f"lijst-{pk}")
        messages.success(request, f"Vernietigingslijst {pk} is geannuleerd. Er wordt niets vernietigd.")
    return redirect("retention:list_detail", pk=pk)


@require_http_methods(["GET", "POST"])
def hold_new(request: HttpRequest) -> HttpResponse:
    _require_manager(request, "blokkade")
    form = HoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hold = services.hold_place(
                by=request.user,
                number=form.cleaned_data["file_number"],
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                incident=form.cleaned_data.get("incident"),
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            _log(request, AccessAction.CREATE, hold.file_number)
            messages.success(request, f"De blokkade op dossier {hold.file_number} is vastgelegd.")
            return redirect("retention:index")
    return render(request, "retention/hold_form.html", {"form": form})


@require_POST
def hold_release(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request, f"blokkade-{pk}")
    hold = RetentionHold.objects.filter(pk=pk).first()
    if hold is None:
        raise Http404("Deze blokkade bestaat niet.")
    try:
        services.hold_release(hold, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        _log(request, AccessAction.UPDATE, hold.file_number)
        messages.success(request, f"De blokkade op dossier {hold.file_number} is beëindigd.")
    return redirect("retention:index")


@require_http_methods(["GET", "POST"])
def reactivate(request: HttpRequest) -> HttpResponse:
    _require_manager(request, "heractivering")
    form = ReactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            order = services.file_reactivate(
                by=request.user,
                number=data["file_number"],
                order_reference=data["order_reference"],
                ordered_on=data["ordered_on"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(
                request,
                f"Dossier {order.file_number} is weer actief en terug bij de weegploeg; de termijnen beginnen opnieuw.",
            )
            return redirect("retention:index")
    return render(request, "retention/reactivate.html", {"form": form})


@require_http_methods(["GET", "POST"])
def archive_consult(request: HttpRequest) -> HttpResponse:
    """Art. 13.2: a kernpartij user consults an archived file after giving a reason (logged)."""
    if not selectors.archive_may_consult(request.user):
        _log(request, AccessAction.READ, "archief", purpose=ARCHIVE_PURPOSE, allowed=False)
        raise PermissionDenied
    form = ArchiveConsultForm(request.POST or None)
    file = None
    kind = None
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["file_number"]
        kind = services.kind_of(number)
        file = services.archived_file(kind, number) if kind else None
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
            _log(
                request,
                AccessAction.READ,
                number,
                purpose=ARCHIVE_PURPOSE,
                object_type=services.OBJECT_TYPES[kind],
            )
    return render(
        request,
        "retention/archive.html",
        {"form": form, "file": file, "is_weegploeg": kind == FileKind.WEEGPLOEG},
    )
