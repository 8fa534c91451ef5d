"""Admin hooks of the public pages: the script replacing Wagtail's inline scripts (issue 19.1) and the
approver's review screens (issue 13 item 7, ``pages.review``)."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.active_filters import ActiveFilter, BaseFilterAdapter, register_filter_adapter_class
from wagtail.admin.menu import MenuItem

from pages import review


@hooks.register("insert_global_admin_js")
def csp_init_script() -> str:
    """Served from static files (script-src 'self'); reads the data attributes of pages/templates/wagtailadmin/."""
    return format_html(
        '<script src="{}"></script><script src="{}"></script>',
        static("pages/admin/csp-init.js"),
        static("pages/admin/a11y-names.js"),  # names for StreamField and rich-text inputs (axe-core)
    )


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path("beoordeling/", review.review_list_view, name="pages_review_list"),
        path("beoordeling/<int:page_id>/", review.review_detail_view, name="pages_review_detail"),
        path("beoordeling/<int:page_id>/besluit/", review.review_confirm_view, name="pages_review_confirm"),
    ]


@hooks.register("register_admin_viewset", order=1000)  # after Wagtail's base page viewset: replaces it
def confirmed_page_viewset():
    """Issue 13 item 7: the dashboard's "Goedkeuren" goes through the confirmation naming page and version."""
    return review.confirmed_page_viewset()


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(review.review_states_for(request.user))


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return ReviewMenuItem("Ter beoordeling", reverse("pages_review_list"), icon_name="tasks", order=150)


@hooks.register("before_edit_page")
def reviewers_review_instead_of_editing(request, page):
    """Issue 13 item 7: Wagtail lets a reviewer into the editor while the task is open (and back to a
    "geen toegang" once it is approved). Someone without edit permission reviews in ``pages.review``:
    the diff, the history and a confirmation naming the version; only editors edit."""
    if request.user.is_superuser or "change" in page.permissions_for_user(request.user).permissions:
        return None  # an editor (``can_edit`` would also be true for the reviewer of an open task)
    messages.info(request, "U beoordeelt deze pagina hier: de wijzigingen, de geschiedenis en uw besluit.")
    return redirect("pages_review_detail", page_id=page.pk)


# Issue 14 item 7: the admin's help menu linked to Wagtail's English guide and release notes (on an
# external site); the editors' own Dutch manual is the project's documentation, not those pages.
ENGLISH_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def help_menu_without_english_guides(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(ENGLISH_HELP_ITEMS)]


def _register_boolean_filter_adapter() -> None:
    """Issue 14 item 7: an active yes/no filter in the admin's lists (e.g. the user list's "Actief")
    read "Actief: True"; it reads "Actief: ja"."""

    class BooleanFilterAdapter(BaseFilterAdapter):
        def get_active_filters(self):
            value = {True: "ja", False: "nee"}.get(self.value, str(self.value))
            url = self.get_url_without_filter_param(self.name)
            yield ActiveFilter(self.bound_field.auto_id, self.filter.label, value, url)

    register_filter_adapter_class(django_filters.BooleanFilter, BooleanFilterAdapter)


_register_boolean_filter_adapter()
