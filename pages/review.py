"""Review before publication for the publicatie-goedkeurder (issue 13 item 7, issue 19.1; art. 11.1).

Wagtail's compare and history views ask for edit or publish permission, and giving the approver
either breaks "only the editors edit, only the workflow publishes". These admin views are open to a
user who holds an *open workflow task* on the page (superusers too): what changed, section by
section (for the intake form: question by question, by stable question id, and the order), the
page's history, and an approval that first names the page and the version that goes live. The
approval acts on exactly the revision that was shown: a newer draft saved meanwhile is refused.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Page, PageLogEntry, Revision, TaskState

from pages.versions import SectionDiff, published_versions, sections_diff

COMMENT_MAX = 1000


@dataclass(frozen=True)
class Review:
    page: Page
    task_state: TaskState
    revision: Revision  # the revision that goes live on approval (Wagtail publishes the latest)
    version_number: int  # its number among the published versions once published
    live_revision: Revision | None
    go_live_at: datetime.datetime | None = None  # scheduled publication of the reviewed revision


def review_states_for(user) -> list[TaskState]:
    """The open review tasks ``user`` may decide (their group is assigned to the task)."""
    states = TaskState.objects.reviewable_by(user).select_related("workflow_state", "revision")
    return [s for s in states.order_by("started_at") if s.status == TaskState.STATUS_IN_PROGRESS]


def review_for(user, page_id: int) -> Review:
    """The review ``user`` holds on page ``page_id``; PermissionDenied without an open task of theirs."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    page = page.specific
    for state in review_states_for(user):
        workflow_state = state.workflow_state
        if workflow_state.object_id == str(page.pk) and workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
            revision = page.get_latest_revision()
            number = len(published_versions(page)) + 1
            go_live_at = revision.as_object().go_live_at
            return Review(page, state.specific, revision, number, page.live_revision, go_live_at)
    raise PermissionDenied


def _sections(obj) -> list[tuple[str, str, str]]:
    if obj is None:
        return []
    if hasattr(obj, "version_sections"):
        return obj.version_sections()
    return [("title", "Titel", obj.title)]


def review_diff(review: Review) -> dict:
    """Live version against the version under review: changed sections and whether the order changed."""
    new_obj = review.revision.as_object()
    old_obj = review.live_revision.as_object() if review.live_revision else None
    new, old = _sections(new_obj), _sections(old_obj) if old_obj is not None else None
    diff: list[SectionDiff] = sections_diff(old, new)
    if old_obj is not None and old_obj.title != new_obj.title:
        diff.insert(0, sections_diff([("t", "Titel", old_obj.title)], [("t", "Titel", new_obj.title)])[0])
    order_changed = False
    if old is not None:
        common = {key for key, _, _ in old} & {key for key, _, _ in new}
        order_changed = [k for k, _, _ in old if k in common] != [k for k, _, _ in new if k in common]
    return {
        "diff": diff,
        "changed": [d for d in diff if d.changed],
        "order_changed": order_changed,
        "new_order": [label for _, label, _ in new],
        "first_version": old is None,
    }


def review_history(page: Page) -> dict:
    versions = list(reversed(published_versions(page)))
    entries = PageLogEntry.objects.for_instance(page).select_related("user").order_by("-timestamp", "-id")[:50]
    return {"versions": versions, "log": list(entries)}


def review_decide(review: Review, user, *, action: str, revision_id: int, comment: str) -> None:
    """Approve (publishes via WAGTAIL_FINISH_WORKFLOW_ACTION) or ask for changes, on the revision shown."""
    if review.revision.pk != revision_id:
        raise ValueError("Er is intussen een nieuwere versie opgeslagen. Bekijk de wijzigingen opnieuw.")
    if action == "reject" and not comment.strip():
        raise ValueError("Schrijf bij ‘Wijzigingen vragen’ wat er moet veranderen.")
    review.task_state.task.specific.on_action(review.task_state, user, action, comment=comment[:COMMENT_MAX])


@require_GET
def review_list_view(request: HttpRequest) -> HttpResponse:
    rows = []
    for state in review_states_for(request.user):
        page = Page.objects.filter(pk=state.workflow_state.object_id).first()
        if page is not None:
            rows.append({"page": page, "state": state})
    return TemplateResponse(request, "pages/admin/review_list.html", {"rows": rows})


@require_GET
def review_detail_view(request: HttpRequest, page_id: int) -> HttpResponse:
    review = review_for(request.user, page_id)
    context = {"review": review, **review_diff(review), **review_history(review.page)}
    return TemplateResponse(request, "pages/admin/review_detail.html", context)


@require_http_methods(["GET", "POST"])
def review_confirm_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """GET: the confirmation naming page and version. POST: the decision on that exact revision."""
    review = review_for(request.user, page_id)
    action = request.POST.get("action") or request.GET.get("action") or "approve"
    if action not in ("approve", "reject"):
        action = "approve"
    error = None
    if request.method == "POST":
        try:
            revision_id = int(request.POST.get("revision", "0"))
        except ValueError:
            revision_id = 0
        try:
            review_decide(
                review, request.user, action=action, revision_id=revision_id, comment=request.POST.get("comment", "")
            )
        except ValueError as exc:
            error = str(exc)
        else:
            title = review.page.get_admin_display_title()
            if action == "approve":
                when = review.go_live_at
                moment = f"op {timezone.localtime(when):%d-%m-%Y %H:%M}" if when else "nu"
                messages.success(
                    request,
                    f"Versie {review.version_number} van “{title}” is goedgekeurd en wordt {moment} gepubliceerd.",
                )
            else:
                messages.success(
                    request, f"U heeft wijzigingen gevraagd voor “{title}”; de redacteur ziet uw toelichting."
                )
            return redirect(reverse("pages_review_list"))
    context = {"review": review, "action": action, "error": error, "comment": request.POST.get("comment", "")}
    return TemplateResponse(request, "pages/admin/review_confirm.html", context, status=400 if error else 200)


# --- Wagtail's own workflow action (the dashboard's "Goedkeuren") ---------------------------------

REVIEW_ACTIONS = ("approve", "reject")


def confirmed_page_viewset():
    """Issue 13 item 7: Wagtail's raw workflow action (the dashboard's "Goedkeuren", a POST to
    ``/admin/pages/workflow/action/<page>/approve/<task state>/``) decides without naming page and
    version. This page viewset sends approve and reject, for every user, to ``review_confirm_view``
    instead; nothing is decided by the raw action. Built lazily: Wagtail's admin must be loaded."""
    from wagtail.admin.views.pages.workflow import WorkflowActionView
    from wagtail.admin.viewsets.pages import PageViewSet

    class ConfirmedWorkflowActionView(WorkflowActionView):
        def dispatch(self, request, *args, **kwargs):
            if self.action_name not in REVIEW_ACTIONS:
                return super().dispatch(request, *args, **kwargs)
            url = f"{reverse('pages_review_confirm', args=[self.object.pk])}?action={self.action_name}"
            if request.headers.get("x-requested-with") == "XMLHttpRequest":  # the dashboard's modal
                return self.render_modal_json(request, {"step": "success", "redirect": url})
            return redirect(url)

    class ConfirmedPageViewSet(PageViewSet):
        workflow_action_view_class = ConfirmedWorkflowActionView

    return ConfirmedPageViewSet()
