"""Admin hooks of the public pages: the script replacing Wagtail's inline scripts (issue 19.1) and the
approver's review screens (issue 13 item 7, ``pages.review``)."""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("insert_global_admin_js")
def csp_init_script() -> str:
    """Served from static files (script-src 'self'); reads the data attributes of pages/templates/wagtailadmin/."""
    return format_html('<script src="{}"></script>', static("pages/admin/csp-init.js"))


@hooks.register("register_admin_urls")
def review_urls():
    from django.urls import path

    from pages import review

    return [
        path("beoordeling/", review.review_list_view, name="pages_review_list"),
        path("beoordeling/<int:page_id>/", review.review_detail_view, name="pages_review_detail"),
        path("beoordeling/<int:page_id>/besluit/", review.review_confirm_view, name="pages_review_confirm"),
    ]


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        from pages.review import review_states_for

        return bool(review_states_for(request.user))


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return ReviewMenuItem("Ter beoordeling", reverse("pages_review_list"), icon_name="tasks", order=150)


@hooks.register("before_edit_page")
def reviewers_review_instead_of_editing(request, page):
    """Issue 13 item 7: Wagtail lets a reviewer into the editor while the task is open (and back to a
    "geen toegang" once it is approved). Someone without edit permission reviews in ``pages.review``:
    the diff, the history and a confirmation naming the version; only editors edit."""
    from django.contrib import messages
    from django.shortcuts import redirect

    if request.user.is_superuser or "change" in page.permissions_for_user(request.user).permissions:
        return None  # an editor (``can_edit`` would also be true for the reviewer of an open task)
    messages.info(request, "U beoordeelt deze pagina hier: de wijzigingen, de geschiedenis en uw besluit.")
    return redirect("pages_review_detail", page_id=page.pk)
