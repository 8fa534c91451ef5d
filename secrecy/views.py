"""Accepting the secrecy duty (art. 14), and the overview per party (also after a party left).

Declared through the one access entry point (``access.screens.work_screen``) with the rules of
``secrecy/access_rules.py``:
- the acceptance page is where the entry point sends users who have not accepted yet, so it does
  not require the duty itself, and it shows no personal data (``secrecy=False, personal_data=False``);
- the overview lists parties only (no personal data, no allowed row);
- a party's page shows which staff members accepted (personal data of staff, not of subjects):
  secrecy duty, and one row for the party shown.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from access.screens import work_screen
from parties.models import Party
from secrecy import selectors
from secrecy.forms import SecrecyAcceptForm
from secrecy.models import SecrecyAcceptance
from secrecy.services import secrecy_accept, secrecy_accepted
from secrecy.texts import SECRECY_TEXT, SECRECY_TEXT_VERSION

PURPOSE = "Controle op geheimhoudingsverklaringen (art. 14)"
ACCEPT_PURPOSE = "Geheimhoudingsplicht aanvaarden (art. 14)"
OBJECT_TYPE = "geheimhouding"


def _safe_next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("dashboard")


def party_load(request: HttpRequest, slug: str, **_) -> Party | None:
    return Party.objects.filter(slug=slug).first()


def party_ref(party: Party) -> str:
    return f"partij-{party.pk}"


@work_screen(
    rule="secrecy.accept_duty",
    purpose=ACCEPT_PURPOSE,
    object_type=OBJECT_TYPE,
    screen_ref="aanvaarden",
    methods=("GET", "POST"),
    secrecy=False,
    personal_data=False,
)
def accept(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    form = SecrecyAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            secrecy_accept(request.user, text_version=form.cleaned_data["text_version"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "U hebt de geheimhoudingsplicht aanvaard.")
            return HttpResponseRedirect(next_url)
    acceptance = SecrecyAcceptance.objects.filter(user=request.user, text_version=SECRECY_TEXT_VERSION).first()
    context = {
        "form": form,
        "text": SECRECY_TEXT,
        "version": SECRECY_TEXT_VERSION,
        "next": next_url,
        "acceptance": acceptance,
        "already": secrecy_accepted(request.user),
    }
    return render(request, "secrecy/accept.html", context, status=400 if form.errors else 200)


@work_screen(
    rule="secrecy.view_overview",
    purpose=PURPOSE,
    object_type=OBJECT_TYPE,
    screen_ref="overzicht",
    personal_data=False,
)
def overview(request: HttpRequest) -> HttpResponse:
    parties = selectors.secrecy_parties_visible_to(request.user)
    return render(request, "secrecy/overview.html", {"parties": parties})


@work_screen(
    rule="secrecy.view_party",
    purpose=PURPOSE,
    object_type=OBJECT_TYPE,
    screen_ref="partij",
    load=party_load,
    ref=party_ref,
)
def party_detail(request: HttpRequest, party: Party, slug: str) -> HttpResponse:
    acceptances = selectors.secrecy_acceptances_for_party(party)
    request.access.read(party)
    return render(
        request,
        "secrecy/party.html",
        {"party": party, "acceptances": acceptances, "participating": party.is_participating()},
    )
