from django.apps import AppConfig


class WeegploegConfig(AppConfig):
    name = "weegploeg"
    verbose_name = "Weegploeg"

    def ready(self) -> None:
        """Hand meetings what it needs to decide about a weegploeg file (art. 7.4): meetings sits
        below this app and never imports it (``meetings.subjects``)."""
        from access.predicates import holds_permission, is_kernpartij
        from meetings.models import DecisionKind, MeetingKind
        from meetings.services import information_suppliers
        from meetings.subjects import DecisionSubject, decision_subject_register
        from weegploeg.decisions import weegploeg_decision_take_effect
        from weegploeg.models import WeegploegFile

        decision_subject_register(
            DecisionKind.WEEGPLOEG,
            DecisionSubject(
                meeting_kind=MeetingKind.WEEGPLOEG,
                file=lambda number: WeegploegFile.objects.filter(number=number).first(),
                may_decide=is_kernpartij & holds_permission("flows.weegploeg_decide"),
                suppliers=information_suppliers,
                take_effect=weegploeg_decision_take_effect,
            ),
        )
