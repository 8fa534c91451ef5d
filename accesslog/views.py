"""The access-log review screen (art. 15.2e): filter, flagged patterns, signed-off reviews.

Reading the log is itself logged; a refused attempt is logged as denied.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accesslog import selectors
from accesslog.forms import AccessLogFilterForm, AccessLogReviewForm
from accesslog.models import AccessAction
from accesslog.services import access_log_review_sign_off, access_log_write

PURPOSE = "Periodieke controle van het toegangslog (art. 15.2e)"
PAGE_SIZE = 50


def _deny(request: HttpRequest, action: AccessAction, ref: str) -> None:
    access_log_write(request, action=action, object_type="toegangslog", object_ref=ref, purpose=PURPOSE, allowed=False)
    raise PermissionDenied


@require_GET
def log_index(request: HttpRequest) -> HttpResponse:
    if not selectors.access_log_may_review(request.user):
        _deny(request, AccessAction.SEARCH, "overzicht")
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
    access_log_write(
        request, action=AccessAction.SEARCH, object_type="toegangslog", object_ref="overzicht", purpose=PURPOSE
    )
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
        "may_sign_off": selectors.access_log_may_sign_off(request.user),
        "query": query.urlencode(),
    }
    return render(request, "accesslog/index.html", context)


@require_http_methods(["GET", "POST"])
def review_sign_off(request: HttpRequest) -> HttpResponse:
    if not selectors.access_log_may_sign_off(request.user):
        _deny(request, AccessAction.CREATE, "controle")
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
            access_log_write(
                request,
                action=AccessAction.CREATE,
                object_type="toegangslog-controle",
                object_ref=f"TC-{review.pk}",
                purpose=PURPOSE,
            )
            messages.success(request, "De periodieke controle is vastgelegd en afgetekend.")
            return redirect("accesslog:index")
    return render(request, "accesslog/review_form.html", {"form": form}, status=400 if form.errors else 200)
