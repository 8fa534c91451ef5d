"""The incident flow's viewflow app, with a process page that checks kernpartij access and logs."""

from viewflow.workflow.flow import FlowAppViewset

from incidents.views import IncidentProcessDetailView


class IncidentFlowViewset(FlowAppViewset):
    process_detail_view_class = IncidentProcessDetailView
