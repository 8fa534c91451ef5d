"""Authorisation log, periodic rights reviews (art. 15.2c, f) and the security plan (art. 15.2–3)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accesslog.models import AccessAction
from accesslog.services import access_log_write
from authorisations import selectors, services
from authorisations.forms import RightsDecisionForm, RightsReviewCompleteForm, SecurityPlanEvaluationForm
from authorisations.models import RightsReview
from authorisations.security_plan import MEASURES
from parties.models import Party

LOG_PURPOSE = "Controle op autorisaties (art. 15.2c)"
REVIEW_PURPOSE = "Periodieke rechtencontrole (art. 15.2f)"


def _deny(request: HttpRequest, object_type: str, ref: str, purpose: str) -> None:
    access_log_write(
        request, action=AccessAction.READ, object_type=object_type, object_ref=ref, purpose=purpose, allowed=False
    )
    raise PermissionDenied


@require_GET
def events(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("authorisations.view_authorisationevent"):
        _deny(request, "autorisatielog", "overzicht", LOG_PURPOSE)
    qs = selectors.authorisation_events_visible_to(request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    access_log_write(
        request, action=AccessAction.READ, object_type="autorisatielog", object_ref="overzicht", purpose=LOG_PURPOSE
    )
    return render(request, "authorisations/events.html", {"page": page})


@require_GET
def reviews(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("authorisations.view_rightsreview"):
        _deny(request, "rechtencontrole", "overzicht", REVIEW_PURPOSE)
    parties = selectors.rights_review_parties_visible_to(request.user)
    visible = selectors.rights_reviews_visible_to(request.user)
    last_done: dict[int, RightsReview] = {}
    open_reviews: dict[int, RightsReview] = {}
    for review in visible.order_by("started_at"):
        if review.is_done:
            last_done[review.party_id] = review
        else:
            open_reviews[review.party_id] = review
    rows = [
        {
            "party": party,
            "last_done": last_done.get(party.pk),
            "open": open_reviews.get(party.pk),
            "may_start": services.rights_review_may_manage(request.user, party),
        }
        for party in parties
    ]
    return render(request, "authorisations/reviews.html", {"rows": rows})


@require_POST
def review_start(request: HttpRequest, slug: str) -> HttpResponse:
    party = Party.objects.filter(slug=slug).first()
    if party is None:
        raise Http404
    if not services.rights_review_may_manage(request.user, party):
        _deny(request, "rechtencontrole", f"partij-{party.pk}", REVIEW_PURPOSE)
    try:
        review = services.rights_review_start(party, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("authorisations:reviews")
    access_log_write(
        request,
        action=AccessAction.CREATE,
        object_type="rechtencontrole",
        object_ref=review.reference,
        purpose=REVIEW_PURPOSE,
    )
    messages.success(request, f"Rechtencontrole {review.reference} is gestart.")
    return redirect("authorisations:review", pk=review.pk)


@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.rights_reviews_visible_to(request.user).filter(pk=pk).first()
    if review is None:
        if RightsReview.objects.filter(pk=pk).exists():
            _deny(request, "rechtencontrole", f"RC-{pk}", REVIEW_PURPOSE)
        raise Http404
    may_manage = services.rights_review_may_manage(request.user, review.party)
    complete_form = RightsReviewCompleteForm()
    status = 200
    if request.method == "POST":
        if not may_manage:
            _deny(request, "rechtencontrole", review.reference, REVIEW_PURPOSE)
        try:
            if "complete" in request.POST:
                complete_form = RightsReviewCompleteForm(request.POST)
                if complete_form.is_valid():
                    services.rights_review_complete(review, by=request.user, notes=complete_form.cleaned_data["notes"])
                    messages.success(request, f"Rechtencontrole {review.reference} is afgerond.")
                    return redirect("authorisations:review", pk=review.pk)
                status = 400
            else:
                form = RightsDecisionForm(request.POST)
                item = None
                if form.is_valid():
                    item = review.items.filter(pk=form.cleaned_data["item"]).select_related("user").first()
                if item is None:
                    messages.error(request, "Kies bij een gebruiker ‘bevestigen’ of ‘intrekken’.")
                    status = 400
                else:
                    services.rights_review_decide(item, form.cleaned_data["decision"], by=request.user)
                    messages.success(request, "Het besluit is vastgelegd.")
                    return redirect("authorisations:review", pk=review.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            status = 400
    items = review.items.select_related("user")
    access_log_write(
        request,
        action=AccessAction.READ,
        object_type="rechtencontrole",
        object_ref=review.reference,
        purpose=REVIEW_PURPOSE,
    )
    context = {
        "review": review,
        "items": items,
        "may_manage": may_manage and not review.is_done,
        "complete_form": complete_form,
    }
    return render(request, "authorisations/review.html", context, status=status)


@require_http_methods(["GET", "POST"])
def security_plan(request: HttpRequest) -> HttpResponse:
    """For every staff member: the measures and where they are; the uitvoerder records evaluations."""
    may_record = request.user.has_perm("authorisations.add_securityplanevaluation")
    form = SecurityPlanEvaluationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.security_plan_evaluation_record(
                    evaluated_on=form.cleaned_data["evaluated_on"], by=request.user, notes=form.cleaned_data["notes"]
                )
            except ValidationError as error:
                form.add_error("evaluated_on", error)
            else:
                messages.success(request, "De jaarlijkse evaluatie is vastgelegd.")
                return redirect("authorisations:security_plan")
        status = 400
    context = {
        "measures": MEASURES,
        "status": selectors.security_plan_status(),
        "form": form,
        "may_record": may_record,
    }
    return render(request, "authorisations/security_plan.html", context, status=status)
