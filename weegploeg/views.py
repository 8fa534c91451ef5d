"""The weegploeg screens: intake for melders, the melder's own list, the inbox and the file.

Every screen is declared through the one access entry point (``access.screens.work_screen``):
the rule of art. 8.4, the secrecy duty and the access log. Subjects are shown in lists by file
number and initials only.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from access.screens import work_screen
from accesslog.models import AccessAction
from weegploeg import services
from weegploeg.forms import ReassignForm
from weegploeg.inbox import COLUMNS as INBOX_COLUMNS
from weegploeg.inbox import SEARCH_MAX, inbox_list
from weegploeg.models import WeegploegFile
from weegploeg.selectors import (
    signals_registered_by,
    weegploeg_files_visible_to,
    weegploeg_is_uitvoerder,
    weegploeg_reassign_candidates,
)

OBJECT_TYPE = "weegploeg_file"


def file_load(request: HttpRequest, number: str, **_) -> WeegploegFile | None:
    """The file by number, archived or not: the rule decides (a refusal and a miss look alike)."""
    return WeegploegFile.objects.select_related("subject").filter(number=number).first()


# The melder's intake, receipt and addenda: ``weegploeg.intake_views``.


@work_screen(
    rule="weegploeg.register_signal",
    purpose="weegploeg: eigen meldingen",
    object_type=OBJECT_TYPE,
    screen_ref="melder-overzicht",
)
def my_signals(request: HttpRequest) -> HttpResponse:
    """What the melder sees afterwards: received, and the outcome. Never the analysis."""
    rows = signals_registered_by(request.user)
    request.access.listed(row.file_number for row in rows)
    return render(request, "weegploeg/my_signals.html", {"rows": rows})


@work_screen(
    rule="weegploeg.view_inbox",
    purpose="weegploeg: werkbak",
    object_type=OBJECT_TYPE,
    screen_ref="werkbak",
    methods=("GET", "POST"),
)
def inbox(request: HttpRequest) -> HttpResponse:
    """The inbox (issue 14 item 2): filters, sorting and pages in the query string (no personal
    data), the search by number or name by POST only (issue 13 item 11); one log row naming the
    files shown, never the search terms. The uitvoerder assigns several tasks at once."""
    query = (request.POST.get("q") or "").strip()[:SEARCH_MAX] if request.method == "POST" else ""
    data = inbox_list(request.user, timezone.localdate(), request.GET, query)
    request.access.listed(data.file_numbers(), AccessAction.SEARCH if query else AccessAction.READ)
    is_uitvoerder = weegploeg_is_uitvoerder(request.user)
    context = {
        "inbox": data,
        "list": data.state,
        "columns": data.state.columns(INBOX_COLUMNS),
        "is_uitvoerder": is_uitvoerder,
        "assign_form": ReassignForm(candidates=weegploeg_reassign_candidates()) if is_uitvoerder else None,
    }
    return render(request, "weegploeg/inbox.html", context)


def file_context(request: HttpRequest, file) -> dict:
    """Everything of the file for the weegploeg: NAW, signals, analyses with their criteria,
    requests, decision, information duty, reviews, the casusoverleg copy and the history."""
    from viewflow.workflow.models import Task
    from wagtail.models import Revision

    from pages.selectors import referentiekader_at_revision

    analyses = []
    for analysis in file.analyses.select_related("analysed_by").prefetch_related("items"):
        try:
            version = referentiekader_at_revision(analysis.referentiekader_revision_id)
            titles = {c.code: c.title for c in version.criteria}
            version_title = version.title
        except Revision.DoesNotExist:  # a removed revision must not hide the analysis itself
            titles, version_title = {}, "onbekende versie"
        analyses.append(
            {
                "analysis": analysis,
                "version_title": version_title,
                "items": [(item, titles.get(item.criterion_code, "")) for item in analysis.items.all()],
            }
        )
    history = []
    if file.process_id:
        history = list(
            Task.objects.filter(process_id=file.process_id).select_related("owner").order_by("created", "pk")
        )
    return {
        "file": file,
        "subject": file.subject,
        "signals": list(file.signals.select_related("bringing_party", "registered_by").prefetch_related("addenda")),
        "analyses": analyses,
        "requests": list(file.information_requests.select_related("party")),
        "decision": getattr(file, "decision", None),
        "duty": getattr(file, "information_duty", None),
        "reviews": list(file.accuracy_reviews.select_related("reviewed_by")),
        "matches": services.subject_matches(file),
        "history": [t for t in history if t.flow_task is not None],
    }


@work_screen(
    rule="weegploeg.view_file",
    purpose="weegploeg: dossier inzien",
    object_type=OBJECT_TYPE,
    screen_ref="weegploeg",
    load=file_load,
)
def file_detail(request: HttpRequest, file: WeegploegFile, number: str) -> HttpResponse:
    return render(request, "weegploeg/file_detail.html", file_context(request, file))


@work_screen(
    rule="weegploeg.change_file",
    purpose="weegploeg: subject koppelen",
    object_type=OBJECT_TYPE,
    screen_ref="weegploeg",
    load=file_load,
    methods=("POST",),
)
def file_attach(request: HttpRequest, file: WeegploegFile, number: str) -> HttpResponse:
    """Known subject: attach this file to the subject of an earlier file (weegploeg only)."""
    other = weegploeg_files_visible_to(request.user).filter(number=request.POST.get("other", "")).first()
    request.access.changed(file)
    if other is None:
        messages.error(request, "Kies een bestaand dossier om mee te koppelen.")
        return redirect("weegploeg:file", number=file.number)
    try:
        services.subject_attach_existing(file, other, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        request.access.changed(other)
        messages.success(request, f"Het signaal is gekoppeld aan het subject van dossier {other.number}.")
    return redirect("weegploeg:file", number=file.number)
