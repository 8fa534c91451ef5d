from django.apps import AppConfig


class FlowsConfig(AppConfig):
    name = "flows"
    verbose_name = "Werkprocessen"

    def ready(self) -> None:
        """Hand every flow to the kernel's registry (``core.processes``): the domain apps start and
        look up processes by kind there, and never import ``flows``."""
        from core.processes import ProcessKind, process_flow_register
        from flows.accuracy_review import AccuracyReviewFlow
        from flows.casus_review import CasusAccuracyReviewFlow
        from flows.casusoverleg import CasusoverlegFlow
        from flows.incidents import IncidentFlow
        from flows.rights import RightsRequestFlow
        from flows.weegploeg import WeegploegFlow

        process_flow_register(ProcessKind.WEEGPLOEG, WeegploegFlow)
        process_flow_register(ProcessKind.ACCURACY_REVIEW, AccuracyReviewFlow)
        process_flow_register(ProcessKind.CASUSOVERLEG, CasusoverlegFlow)
        process_flow_register(ProcessKind.CASUS_REVIEW, CasusAccuracyReviewFlow)
        process_flow_register(ProcessKind.RIGHTS, RightsRequestFlow)
        process_flow_register(ProcessKind.INCIDENT, IncidentFlow, start="register")
