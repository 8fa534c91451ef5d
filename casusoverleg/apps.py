from django.apps import AppConfig


class CasusoverlegConfig(AppConfig):
    name = "casusoverleg"
    verbose_name = "Casusoverleg"

    def ready(self) -> None:
        """Hand meetings what it needs to decide about closing a case (art. 9.4): meetings sits below
        this app and never imports it (``meetings.subjects``)."""
        from casusoverleg.access_rules import may_decide_closure
        from casusoverleg.closure import closure_take_effect
        from casusoverleg.models import CasusoverlegFile
        from meetings.models import DecisionKind, MeetingKind
        from meetings.services import information_suppliers
        from meetings.subjects import DecisionSubject, decision_subject_register
        from weegploeg.models import WeegploegFile

        def suppliers(file) -> set[int]:
            """Who supplied information for the weegploeg file the case came from (art. 7.4)."""
            source = WeegploegFile.objects.filter(number=file.source_weegploeg_number).first() if file else None
            return information_suppliers(source)

        decision_subject_register(
            DecisionKind.AFSLUITING,
            DecisionSubject(
                meeting_kind=MeetingKind.CASUSOVERLEG,
                file=lambda number: CasusoverlegFile.objects.filter(number=number).first(),
                may_decide=may_decide_closure,
                suppliers=suppliers,
                take_effect=closure_take_effect,
            ),
        )
