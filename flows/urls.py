"""The task screens of every flow, mounted in the namespace of the app whose file they show.

``config.urls`` joins them with each app's own patterns (``app_urls("weegploeg.urls")``): the URLs
and names stay the app's (``weegploeg:task``, ``casusoverleg:claim``, ``rights:detail``) while the
views live here, above the domain apps — a domain app's ``urls`` never imports ``flows``.

``/werk/processen/`` mounts nothing: viewflow's own (Material) screens are not mounted for any flow,
so an old bookmark there gets the ordinary "not found" page.
"""

from __future__ import annotations

from importlib import import_module

from flows import bulk_assign, casus_review, casusoverleg, incidents, rights, weegploeg

urlpatterns: list = []

TASK_SCREENS = {
    "weegploeg": [*bulk_assign.urlpatterns, *weegploeg.VIEWS.urlpatterns],
    "casusoverleg": [*casusoverleg.VIEWS.urlpatterns, *casus_review.VIEWS.urlpatterns],
    "incidents": incidents.VIEWS.urlpatterns,
    "rights": rights.urlpatterns,
}


def app_urls(module: str) -> tuple[list, str]:
    """An app's URL patterns with its flows' task screens first, under the app's namespace."""
    urls = import_module(module)
    return [*TASK_SCREENS.get(urls.app_name, []), *urls.urlpatterns], urls.app_name
