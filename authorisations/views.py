"""Authorisation log, periodic rights reviews (art. 15.2c, f) and the security plan (art. 15.2–3).

Every screen is declared through the one access entry point (``access.screens.work_screen``)
with the rules of ``authorisations/access_rules.py``. None shows data of subjects; per screen:
- the authorisation log and a rights review show personal data of staff (who was given which
  role, by whom, last login): secrecy duty, and one row (a list: one row naming what it showed);
- the review overview shows parties and review numbers, the security plan measures and dates:
  no personal data, no allowed row (refusals are still logged). The security plan is for every
  staff member, also before the secrecy duty is accepted.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from access.screens import access_allowed, work_screen
from authorisations import selectors, services
from authorisations.forms import RightsDecisionForm, RightsReviewCompleteForm, SecurityPlanEvaluationForm
from authorisations.models import RightsReview
from authorisations.security_plan import MEASURES
from parties.models import Party

LOG_PURPOSE = "Controle op autorisaties (art. 15.2c)"
REVIEW_PURPOSE = "Periodieke rechtencontrole (art. 15.2f)"
PLAN_PURPOSE = "Beveiligingsplan en jaarlijkse evaluatie (art. 15.2-15.3)"
REVIEW_TYPE = "rechtencontrole"
MANAGE_REVIEW = "authorisations.manage_rights_review"


def party_load(request: HttpRequest, slug: str, **_) -> Party | None:
    return Party.objects.filter(slug=slug).first()


def party_ref(party: Party) -> str:
    return f"partij-{party.pk}"


def review_load(request: HttpRequest, pk: int, **_) -> RightsReview | None:
    """The review by id; the rule decides (another party's review and a missing one look alike)."""
    return RightsReview.objects.select_related("party", "started_by", "completed_by").filter(pk=pk).first()


@work_screen(
    rule="authorisations.view_events", purpose=LOG_PURPOSE, object_type="autorisatielog", screen_ref="overzicht"
)
def events(request: HttpRequest) -> HttpResponse:
    qs = selectors.authorisation_events_visible_to(request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    request.access.listed(f"autorisatie-{event.pk}" for event in page)
    return render(request, "authorisations/events.html", {"page": page})


@work_screen(
    rule="authorisations.view_reviews",
    purpose=REVIEW_PURPOSE,
    object_type=REVIEW_TYPE,
    screen_ref="overzicht",
    personal_data=False,
)
def reviews(request: HttpRequest) -> HttpResponse:
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
            "may_start": access_allowed(request.user, MANAGE_REVIEW, party),
        }
        for party in parties
    ]
    return render(request, "authorisations/reviews.html", {"rows": rows})


@work_screen(
    rule=MANAGE_REVIEW,
    purpose=REVIEW_PURPOSE,
    object_type=REVIEW_TYPE,
    screen_ref="start",
    load=party_load,
    ref=party_ref,
    methods=("POST",),
)
def review_start(request: HttpRequest, party: Party, slug: str) -> HttpResponse:
    try:
        review = services.rights_review_start(party, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("authorisations:reviews")
    request.access.created(review.reference)
    messages.success(request, f"Rechtencontrole {review.reference} is gestart.")
    return redirect("authorisations:review", pk=review.pk)


def _review_page(request: HttpRequest, review: RightsReview, complete_form=None, status: int = 200) -> HttpResponse:
    request.access.read(review.reference)
    context = {
        "review": review,
        "items": review.items.select_related("user"),
        "may_manage": access_allowed(request.user, MANAGE_REVIEW, review) and not review.is_done,
        "complete_form": complete_form or RightsReviewCompleteForm(),
    }
    return render(request, "authorisations/review.html", context, status=status)


@work_screen(
    rule="authorisations.view_rights_review",
    purpose=REVIEW_PURPOSE,
    object_type=REVIEW_TYPE,
    screen_ref="controle",
    load=review_load,
    ref=lambda review: review.reference,
)
def review_detail(request: HttpRequest, review: RightsReview, pk: int) -> HttpResponse:
    return _review_page(request, review)


@work_screen(
    rule=MANAGE_REVIEW,
    purpose=REVIEW_PURPOSE,
    object_type=REVIEW_TYPE,
    screen_ref="controle",
    load=review_load,
    ref=lambda review: review.reference,
    methods=("POST",),
)
def review_decide(request: HttpRequest, review: RightsReview, pk: int) -> HttpResponse:
    """Art. 15.2f: confirm or revoke a user's rights, or complete the review (own party only)."""
    complete_form = None
    try:
        if "complete" in request.POST:
            complete_form = RightsReviewCompleteForm(request.POST)
            if complete_form.is_valid():
                services.rights_review_complete(review, by=request.user, notes=complete_form.cleaned_data["notes"])
                request.access.changed(review.reference)
                messages.success(request, f"Rechtencontrole {review.reference} is afgerond.")
                return redirect("authorisations:review", pk=review.pk)
        else:
            form = RightsDecisionForm(request.POST)
            item = None
            if form.is_valid():
                item = review.items.filter(pk=form.cleaned_data["item"]).select_related("user").first()
            if item is None:
                messages.error(request, "Kies bij een gebruiker ‘bevestigen’ of ‘intrekken’.")
            else:
                services.rights_review_decide(item, form.cleaned_data["decision"], by=request.user)
                request.access.changed(review.reference)
                messages.success(request, "Het besluit is vastgelegd.")
                return redirect("authorisations:review", pk=review.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _review_page(request, review, complete_form, status=400)


def _plan_page(request: HttpRequest, form: SecurityPlanEvaluationForm, status: int = 200) -> HttpResponse:
    context = {
        "measures": MEASURES,
        "status": selectors.security_plan_status(),
        "form": form,
        "may_record": access_allowed(request.user, "authorisations.record_security_plan_evaluation"),
    }
    return render(request, "authorisations/security_plan.html", context, status=status)


@work_screen(
    rule="authorisations.view_security_plan",
    purpose=PLAN_PURPOSE,
    object_type="beveiligingsplan",
    screen_ref="beveiligingsplan",
    secrecy=False,
    personal_data=False,
)
def security_plan(request: HttpRequest) -> HttpResponse:
    """For every staff member: the measures and where they are; the uitvoerder records evaluations."""
    return _plan_page(request, SecurityPlanEvaluationForm())


@work_screen(
    rule="authorisations.record_security_plan_evaluation",
    purpose=PLAN_PURPOSE,
    object_type="beveiligingsplan",
    screen_ref="evaluatie",
    methods=("POST",),
    secrecy=False,
    personal_data=False,
)
def security_plan_evaluate(request: HttpRequest) -> HttpResponse:
    """Art. 15.3: the uitvoerder records the yearly evaluation (no personal data: no allowed row)."""
    form = SecurityPlanEvaluationForm(request.POST)
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
    return _plan_page(request, form, status=400)
