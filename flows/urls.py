"""The workflow screens (django-viewflow), mounted at /werk/processen/ behind the 2FA gate.

Each flow adds its viewset to ``FLOW_VIEWSETS`` (one line per flow). Viewflow's own view
permission is model-wide: per-party and per-case checks live in the flows' views and selectors.
"""

from django.urls import path
from django.views.generic import RedirectView
from viewflow.urls import Site

from incidents.flows import IncidentFlow
from incidents.viewset import IncidentFlowViewset

FLOW_VIEWSETS: list = [
    IncidentFlowViewset(IncidentFlow, icon="report"),
    # e.g. FlowAppViewset(IncidentFlow, icon="report"),
]


class CasusSite(Site):
    # The site's start page is the staff dashboard, which lists what each role may do.
    index_path = path("", RedirectView.as_view(pattern_name="dashboard"), name="index")


site = CasusSite(title="Casusoverleg Limburg", viewsets=FLOW_VIEWSETS)

urlpatterns = [path("", site.urls)]
