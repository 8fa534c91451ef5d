"""Accepting the secrecy duty (art. 14), and the overview per party (also after a party left)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from accesslog.models import AccessAction
from accesslog.services import access_log_write
from parties.models import Party
from secrecy import selectors
from secrecy.forms import SecrecyAcceptForm
from secrecy.models import SecrecyAcceptance
from secrecy.services import secrecy_accept, secrecy_accepted
from secrecy.texts import SECRECY_TEXT, SECRECY_TEXT_VERSION

PURPOSE = "Controle op geheimhoudingsverklaringen (art. 14)"


def _safe_next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("dashboard")


@require_http_methods(["GET", "POST"])
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


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    if not selectors.secrecy_overview_allowed(request.user):
        access_log_write(
            request,
            action=AccessAction.READ,
            object_type="geheimhouding",
            object_ref="overzicht",
            purpose=PURPOSE,
            allowed=False,
        )
        raise PermissionDenied
    parties = selectors.secrecy_parties_visible_to(request.user)
    return render(request, "secrecy/overview.html", {"parties": parties})


@require_GET
def party_detail(request: HttpRequest, slug: str) -> HttpResponse:
    party = Party.objects.filter(slug=slug).first()
    if party is None:
        raise Http404
    if not selectors.secrecy_parties_visible_to(request.user).filter(pk=party.pk).exists():
        access_log_write(
            request,
            action=AccessAction.READ,
            object_type="geheimhouding",
            object_ref=f"partij-{party.pk}",
            purpose=PURPOSE,
            allowed=False,
        )
        raise PermissionDenied
    acceptances = selectors.secrecy_acceptances_for_party(party)
    access_log_write(
        request,
        action=AccessAction.READ,
        object_type="geheimhouding",
        object_ref=f"partij-{party.pk}",
        purpose=PURPOSE,
    )
    return render(
        request,
        "secrecy/party.html",
        {"party": party, "acceptances": acceptances, "participating": party.is_participating()},
    )
