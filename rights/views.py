"""The rights screens (art. 11.3-5, 12) for the uitvoerder.

Every screen, PDF and letter is declared through the one access entry point
(``access.screens.work_screen``): the rule of art. 5 and 12.1 (``rights/access_rules.py``), the
secrecy duty and the access log — one row per object whose personal data a screen shows or
changes, naming the request number ("R-2026-0001") or file number only; a list writes one row
naming the numbers it showed. A refused user and an unknown number get the same 403. The request
page with its open task is the rights flow's task screen (``flows.rights``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from access.screens import work_screen
from core.lists import sequence_page
from pdf.render import render_to_pdf
from rights import deferral
from rights.forms import (
    RegisterForm,
)
from rights.models import CorrectionDecision, InzageDecision, OverviewSection, RightsRequest
from rights.request_list import COLUMNS as REQUEST_COLUMNS
from rights.request_list import request_list
from rights.selectors.deadlines import deadlines_dashboard
from rights.selectors.overview import subject_overview
from rights.services.registration import rights_request_register

OBJECT_TYPE = "rights_request"
FILE_TYPE = "weegploeg_file"
CASUS_TYPE = "casusoverleg_file"
HANDLE = "rights.handle_request"
DEADLINES_PER_PAGE = 50


def request_load(request: HttpRequest, number: str, **_) -> RightsRequest | None:
    """The request by number; the rule decides (a refusal and a miss look alike)."""
    return RightsRequest.objects.select_related("subject").filter(number=number).first()


@work_screen(
    rule=HANDLE, purpose="rechten: overzicht verzoeken", object_type=OBJECT_TYPE, screen_ref="rechten-overzicht"
)
def index(request: HttpRequest) -> HttpResponse:
    """Issue 14 item 2: filters, sorting and pages (core.lists); one row naming the requests shown."""
    data = request_list(request.user, timezone.localdate(), request.GET)
    request.access.listed(row["request"] for row in data.rows)
    context = {"rows": data.rows, "list": data.state, "columns": data.state.columns(REQUEST_COLUMNS)}
    return render(request, "rights/index.html", context)


@work_screen(
    rule=HANDLE, purpose="rechten: overzicht wettelijke termijnen", object_type=OBJECT_TYPE, screen_ref="termijnen"
)
def deadlines(request: HttpRequest) -> HttpResponse:
    """Every open legal deadline, counted in full and shown a page at a time (one log row naming the
    page's references and the requests waiting for identity: a screen names at most 200)."""
    data = deadlines_dashboard()
    page = sequence_page(data["rows"], request.GET, per_page=DEADLINES_PER_PAGE)
    request.access.listed([*(row.ref for row in page.objects), *data["waiting_identity"]])
    return render(request, "rights/deadlines.html", {**data, "rows": page.objects, "list": page})


@work_screen(
    rule=HANDLE,
    purpose="rechten: verzoek registreren",
    object_type=OBJECT_TYPE,
    screen_ref="rechten-nieuw",
    methods=("GET", "POST"),
)
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        corrections = form.corrections()
        if not form.errors:
            try:
                created = rights_request_register(
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
                request.access.created(created)
                request.access.read(created.weegploeg_number, object_type=FILE_TYPE)
                messages.success(request, f"Het verzoek is geregistreerd onder nummer {created.number}.")
                return redirect("rights:detail", number=created.number)
    return render(request, "rights/register.html", {"form": form}, status=400 if form.errors else 200)


def has_refusal(r: RightsRequest) -> bool:
    if r.inzage_decision in (InzageDecision.GEWEIGERD, InzageDecision.DEELS_GEWEIGERD):
        return True
    return r.correction_decision in (CorrectionDecision.AFGEWEZEN, CorrectionDecision.DEELS)


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@work_screen(
    rule=HANDLE,
    purpose="rechten: inzageoverzicht als PDF (art. 12.3)",
    object_type=OBJECT_TYPE,
    screen_ref="rechten-inzageoverzicht",
    load=request_load,
)
def overview_pdf(request: HttpRequest, rights_request: RightsRequest, number: str) -> HttpResponse:
    """Art. 12.3: the overview in understandable Dutch, without the parts refused (art. 12.4).
    One export row for the request and one for every file whose data the overview holds."""
    if not rights_request.wants_inzage or rights_request.identity_established_on is None:
        messages.error(request, "Het overzicht kan pas worden gemaakt als de identiteit is vastgesteld (art. 12.3).")
        return redirect("rights:detail", number=rights_request.number)
    if rights_request.inzage_decision == InzageDecision.GEWEIGERD or rights_request.subject_id is None:
        messages.error(request, "Voor dit verzoek wordt geen overzicht verstrekt.")
        return redirect("rights:detail", number=rights_request.number)
    overview = subject_overview(rights_request.subject)
    # Art. 11.4, 12.4: not issued while a deferred duty covers items without an assessment; the items
    # that stay covered are left out (and named by kind in the refusal letter).
    items = deferral.deferral_items(rights_request, overview)
    if deferral.deferral_open(items):
        messages.error(
            request,
            "De informatieplicht voor deze betrokkene is uitgesteld (art. 11.4): het overzicht kan pas worden "
            "gemaakt als per onderdeel is beoordeeld of de grond nog bestaat.",
        )
        return redirect("rights:detail", number=rights_request.number)
    overview = deferral.overview_without_withheld(overview, items)
    withheld = set(rights_request.withheld_sections or [])
    context = {
        "r": rights_request,
        "o": overview,
        "deferral_withheld": bool(deferral.deferral_withheld(items)),
        "show": {s: s not in withheld for s in OverviewSection.values},
        "withheld_labels": [OverviewSection(s).label for s in rights_request.withheld_sections or []],
        "today": timezone.localdate(),
    }
    data = render_to_pdf("rights/overview_pdf.html", context, request=request)
    request.access.exported(rights_request)
    for file in overview.weegploeg_files:
        request.access.exported(file["number"], object_type=FILE_TYPE)
    for casus in overview.casus_files:
        request.access.exported(casus["number"], object_type=CASUS_TYPE)
    return pdf_response(data, f"inzage-{rights_request.number}.pdf")


@work_screen(
    rule=HANDLE,
    purpose="rechten: afwijzingsbrief (art. 12.4)",
    object_type=OBJECT_TYPE,
    screen_ref="rechten-afwijzing",
    load=request_load,
)
def refusal_pdf(request: HttpRequest, rights_request: RightsRequest, number: str) -> HttpResponse:
    """Art. 12.4: the reasoned refusal (wholly or partly), naming the art. 41 UAVG ground."""
    if not has_refusal(rights_request):
        messages.error(request, "Voor dit verzoek is niets geweigerd of afgewezen.")
        return redirect("rights:detail", number=rights_request.number)
    context = {
        "r": rights_request,
        # Art. 12.4: what stays covered by the deferred information duty, by kind and ground only.
        "deferred": deferral.deferral_public_labels(rights_request),
        "withheld_labels": [OverviewSection(s).label for s in rights_request.withheld_sections or []],
        "rejected": list(rights_request.corrections.filter(accepted=False)),
        "today": timezone.localdate(),
    }
    data = render_to_pdf("rights/refusal_pdf.html", context, request=request)
    request.access.exported(rights_request)
    return pdf_response(data, f"afwijzing-{rights_request.number}.pdf")
