"""/werk/overleggen/besluiten/: decisions awaiting a second person's confirmation (art. 7.4, 9.4;
issue 13 item 8). The confirmer sees the decision and its reasoning and confirms it — it then takes
effect — or refuses it with a reason. Rules in ``meetings/access_rules.py``; the services
(``meetings.proposals``) check the same rule again. URLs carry only the proposal's number."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from access.screens import access_allowed, work_screen
from meetings import proposals
from meetings.forms import RejectDecisionForm
from meetings.models import DecisionKind, DecisionProposal
from parties.models import Party

FILE_TYPE = {DecisionKind.WEEGPLOEG: "weegploeg_file", DecisionKind.AFSLUITING: "casusoverleg_file"}
OUTCOMES = {
    "agenderen": "Agenderen voor het casusoverleg",
    "niet_agenderen": "Niet agenderen",
    "afsluiten": "Plan van aanpak afsluiten",
    "niet_afsluiten": "Plan van aanpak niet afsluiten",
}


def proposal_load(request: HttpRequest, pk: int, **_) -> DecisionProposal | None:
    return DecisionProposal.objects.select_related("proposed_by__party").filter(pk=pk).first()


def _screen(rule: str, purpose: str, *, load=None, methods=("GET",)):
    return work_screen(
        rule=rule,
        purpose=purpose,
        object_type="besluitvoorstel",
        screen_ref="besluiten-ter-bevestiging",
        load=load,
        ref=lambda proposal: proposal.file_number,
        methods=methods,
    )


def proposal_details(proposal: DecisionProposal) -> list[tuple[str, str]]:
    """The decision as the confirmer reads it."""
    rows = [("Besluit", OUTCOMES.get(proposal.outcome, proposal.outcome))]
    involved = proposal.details.get("involved_party_ids")
    if involved:
        names = Party.objects.filter(pk__in=involved).order_by("name").values_list("name", flat=True)
        rows.append(("Te betrekken partijen (art. 7.3)", ", ".join(names)))
    if proposal.details.get("decided_on"):
        rows.append(("Besloten op", "-".join(reversed(proposal.details["decided_on"].split("-")))))
    return rows


def _file_url(request: HttpRequest, proposal: DecisionProposal) -> str:
    if proposal.kind == DecisionKind.WEEGPLOEG:
        rule, name = "weegploeg.view_file", "weegploeg:file"
    else:
        rule, name = "casusoverleg.view_file", "casusoverleg:detail"
    context = proposals.decision_kind_context(proposal.kind, proposal.file_number)
    if context.file is not None and access_allowed(request.user, rule, context.file):
        return reverse(name, kwargs={"number": proposal.file_number})
    return ""


@_screen("meetings.view_pending_decisions", "besluiten ter bevestiging: lijst")
def proposal_list(request: HttpRequest) -> HttpResponse:
    pending = proposals.decisions_awaiting_confirmation(request.user)
    request.access.listed(pending)
    return render(request, "meetings/proposals.html", {"proposals": pending})


@_screen(
    "meetings.confirm_decision", "besluiten ter bevestiging: bevestigen", load=proposal_load, methods=("GET", "POST")
)
def proposal_confirm(request: HttpRequest, proposal: DecisionProposal, pk: int) -> HttpResponse:
    file_type = FILE_TYPE[proposal.kind]
    if request.method == "POST":
        try:
            proposals.decision_confirm(proposal, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("meetings:decisions")
        request.access.changed(proposal.file_number, object_type=file_type)
        messages.success(request, f"U hebt het besluit over dossier {proposal.file_number} bevestigd.")
        return redirect("meetings:decisions")
    request.access.read(proposal.file_number, object_type=file_type)
    return _page(request, proposal, RejectDecisionForm())


def _page(request: HttpRequest, proposal: DecisionProposal, form, status: int = 200) -> HttpResponse:
    context = {
        "proposal": proposal,
        "details": proposal_details(proposal),
        "file_url": _file_url(request, proposal),
        "form": form,
    }
    return render(request, "meetings/proposal_confirm.html", context, status=status)


@_screen("meetings.confirm_decision", "besluiten ter bevestiging: afwijzen", load=proposal_load, methods=("POST",))
def proposal_reject(request: HttpRequest, proposal: DecisionProposal, pk: int) -> HttpResponse:
    form = RejectDecisionForm(request.POST)
    if form.is_valid():
        try:
            proposals.decision_reject(proposal, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            request.access.changed(proposal.file_number, object_type=FILE_TYPE[proposal.kind])
            messages.success(
                request,
                f"U hebt het besluit over dossier {proposal.file_number} niet bevestigd; "
                "de besluiter kan de taak opnieuw uitvoeren.",
            )
            return redirect("meetings:decisions")
    request.access.read(proposal.file_number, object_type=FILE_TYPE[proposal.kind])
    return _page(request, proposal, form, status=400)
