"""The workflow screens (django-viewflow), mounted at /werk/processen/ behind the 2FA gate.

Each flow adds its viewset to ``FLOW_VIEWSETS`` (one line per flow) and names, in
``SCREEN_DECLARATIONS``, the function that declares each of its URL patterns through the one
access entry point (``access.screens.work_screen``). Viewflow's own view permission is
model-wide; the entry point adds the rule, the secrecy duty and the access log to every screen.
A pattern of a flow without a declaration stops the start-up, so no viewflow screen is ever
mounted unguarded.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver, path
from viewflow.urls import Site

from access.screens import work_screen
from incidents.flows import IncidentFlow
from incidents.viewset import IncidentFlowViewset, incident_screen

FLOW_VIEWSETS: list = [
    IncidentFlowViewset(IncidentFlow, icon="report"),
]
# URL namespace of each flow's viewset → the declaration of its screens.
SCREEN_DECLARATIONS: dict[str, Callable[[URLPattern], Callable]] = {
    "incident": incident_screen,
}


@work_screen(
    rule="incidents.view_register",
    purpose="werkprocessen: startpagina",
    object_type="werkproces",
    screen_ref="werkprocessen",
    personal_data=False,
    secrecy=False,
)
def site_index(request: HttpRequest):
    """The site's start page is the staff dashboard, which lists what each role may do."""
    return redirect("dashboard")


class CasusSite(Site):
    index_path = path("", site_index, name="index")

    def has_view_permission(self, user, obj=None) -> bool:
        # As ``IncidentFlowViewset``: the entry point on every pattern decides and logs refusals.
        return bool(user and user.is_authenticated)


def _declare(patterns, namespace: str | None) -> None:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _declare(entry.url_patterns, namespace or entry.namespace)
        elif getattr(entry.callback, "access_screen", None) is None:
            declare = SCREEN_DECLARATIONS.get(namespace or "")
            if declare is None:
                raise ImproperlyConfigured(f"/werk/processen/: geen toegangsdeclaratie voor {entry.pattern}")
            entry.callback = declare(entry)


site = CasusSite(title="Casusoverleg Limburg", viewsets=FLOW_VIEWSETS)
site_urls = site.urls
_declare(site_urls[0], None)

urlpatterns = [path("", site_urls)]
