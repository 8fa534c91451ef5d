"""The access-log review screen (art. 15.2e): filter, flagged patterns, signed-off reviews.

Both screens are declared through the one access entry point (``access.screens.work_screen``),
with the rules of ``accesslog/access_rules.py``. They show no data of subjects (file numbers are
pseudonymous), but they do show personal data of staff — who opened what, when and from which
address — so they require the secrecy duty and their use is logged: the overview writes one
search row naming the log rows it showed (never the filter terms), a signed-off review one row.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from access.screens import access_allowed, work_screen
from accesslog import selectors
from accesslog.forms import AccessLogFilterForm, AccessLogReviewForm
from accesslog.models import AccessAction
from accesslog.services import access_log_review_sign_off

PURPOSE = "Periodieke controle van het toegangslog (art. 15.2e)"
PAGE_SIZE = 50
SIGN_OFF = "accesslog.sign_off_review"


@work_screen(rule="accesslog.review_log", purpose=PURPOSE, object_type="toegangslog", screen_ref="overzicht")
def log_index(request: HttpRequest) -> HttpResponse:
    form = AccessLogFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    if form.is_bound and not form.is_valid():
        qs = selectors.access_log_filter().none()
    else:
        qs = selectors.access_log_filter(**filters)
    flags = selectors.access_log_flags(qs)
    page = Paginator(qs.select_related("user", "party"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    off_hours_ids = set(
        selectors.access_log_off_hours(qs.filter(id__in=[e.id for e in page])).values_list("id", flat=True)
    )
    request.access.listed((f"toegangslog-{entry.pk}" for entry in page), action=AccessAction.SEARCH)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "flags": flags,
        "off_hours_ids": off_hours_ids,
        "office_hours": selectors.office_hours(),
        "burst_threshold": selectors.burst_threshold(),
        "reviews": selectors.access_log_reviews()[:10],
        "review_form": AccessLogReviewForm(),
        "may_sign_off": access_allowed(request.user, SIGN_OFF),
        "query": query.urlencode(),
    }
    return render(request, "accesslog/index.html", context)


@work_screen(
    rule=SIGN_OFF,
    purpose=PURPOSE,
    object_type="toegangslog-controle",
    screen_ref="controle",
    methods=("GET", "POST"),
)
def review_sign_off(request: HttpRequest) -> HttpResponse:
    form = AccessLogReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        start, end = form.cleaned_data["period_start"], form.cleaned_data["period_end"]
        flags = selectors.access_log_flags(selectors.access_log_filter(start=start, end=end))
        try:
            review = access_log_review_sign_off(
                reviewer=request.user,
                period_start=start,
                period_end=end,
                findings=form.cleaned_data["findings"],
                figures=flags.as_figures(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.access.created(f"TC-{review.pk}")
            messages.success(request, "De periodieke controle is vastgelegd en afgetekend.")
            return redirect("accesslog:index")
    return render(request, "accesslog/review_form.html", {"form": form}, status=400 if form.errors else 200)
