"""The workflow screens (django-viewflow), mounted at /werk/processen/ behind the 2FA gate.

Each flow adds its viewset to ``FLOW_VIEWSETS`` (one line per flow). Viewflow's own view
permission is model-wide: per-party and per-case checks live in the flows' views and selectors.
"""

from django.urls import path
from viewflow.urls import Site

FLOW_VIEWSETS: list = [
    # e.g. FlowAppViewset(IncidentFlow, icon="report"),
]

site = Site(title="Casusoverleg Limburg", viewsets=FLOW_VIEWSETS)

urlpatterns = [path("", site.urls)]
