"""One of every kind of object a work screen shows, and a user for every role, for the URL walk."""

from __future__ import annotations

import dataclasses
import datetime

from django.utils import timezone

from accounts.roles import Role
from casusoverleg.agendering import participant_add
from casusoverleg.plan import plan_adopt, plan_draft_update, plan_measure_add
from casusoverleg.registers import advice_request_record
from core import tasks as task_lifecycle
from retention.models import DestructionList
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda, open_task
from tests.factories import PartyFactory, UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import accepted, register

# What the subject of every file in the world is called (tests.weegploeg.fixtures.SUBJECT).
PERSONAL_DATA = ("Vries", "Jan Pieter", "Markt 1", "Postbus 1")

ROLE_PARTY = {
    "melder": (Role.MELDER, "De politie"),
    "weegploeglid": (Role.WEEGPLOEGLID, "De politie"),
    "uitvoerder": (Role.UITVOERDER, "De gemeente Heerlen"),
    "deelnemer": (Role.CASUSOVERLEG_DEELNEMER, GENNEP),
    "beheerder": (Role.FUNCTIONEEL_BEHEERDER, "De gemeente Roermond"),
    "buitenstaander": (Role.CASUSOVERLEG_DEELNEMER, "De Reclassering Nederland"),
}


# Issue 14.6: the melders who brought a signal into the world's weegploeg file W (the walk's
# "eigen-melder"): by secrecy accepted (True) or not (False). Filled by ``world_build``.
OWN_MELDERS: dict[bool, int] = {}


def user_for(who: str, *, secrecy: bool = True):
    if who == "eigen-melder":
        from accounts.models import User

        return User.objects.get(pk=OWN_MELDERS[secrecy])
    role, party_name = ROLE_PARTY[who]
    user = UserFactory(roles=[role], party=party(party_name))
    return accepted(user) if secrecy else user


@dataclasses.dataclass
class World:
    refs: dict[str, object]


def world_build() -> World:
    from retention.holds import HoldKind
    from retention.services import holds as retention_services
    from rights.models import RequesterKind, RequestKind
    from rights.services.registration import rights_request_register

    melder = user_for("melder")
    uitvoerder = user_for("uitvoerder")
    gennep = user_for("deelnemer")
    weegploeg_file = register(melder)
    OWN_MELDERS[True] = melder.pk
    OWN_MELDERS[False] = _second_signal(weegploeg_file).registered_by_id
    weegploeg_task = open_task_of(weegploeg_file.process_id)
    casus = agenda(involved=[RVDK])
    external = PartyFactory()
    participant_add(casus, by=gennep, party=external, reason="Nodig voor het plan")
    plan_draft_update(casus, by=gennep, aim="Doel van het plan")
    plan_measure_add(
        casus,
        by=gennep,
        description="Huisbezoek",
        goal="c",
        responsible_party=party(GENNEP),
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    task_lifecycle.task_complete(
        open_task(casus, "adopt_plan"),
        gennep,
        lambda: plan_adopt(casus, by=gennep, adopted_on=timezone.localdate(), present_parties=[party(GENNEP)]),
    )
    advice = advice_request_record(
        casus,
        by=gennep,
        recipient_kind="nctv",
        recipient_name="NCTV",
        question="Vraag",
        requested_on=timezone.localdate(),
        personal_data_shared=False,
    )
    request = rights_request_register(
        by=uitvoerder,
        weegploeg_number=weegploeg_file.number,
        kind=RequestKind.INZAGE,
        received_on=timezone.localdate() - datetime.timedelta(days=1),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address="Postbus 1",
    )
    hold = retention_services.hold_place(
        by=uitvoerder, number=weegploeg_file.number, kind=HoldKind.ANDERS, reason="Onderzoek"
    )
    destruction_list = DestructionList.objects.create()
    incident = _incident(uitvoerder)
    beheerder = user_for("beheerder")
    from authorisations.services import rights_review_start

    review = rights_review_start(beheerder.party, by=beheerder)
    from meetings import services as meeting_services

    meeting = meeting_services.meeting_create(by=uitvoerder, kind="weegploeg", held_on=timezone.localdate())
    meeting_services.meeting_agenda_add(meeting, by=uitvoerder, number=weegploeg_file.number)
    proposal = _decision_proposal()
    from casusoverleg.accuracy import casus_review_tasks_open
    from flows.casus_review import casus_accuracy_reviews_start

    casus_accuracy_reviews_start()  # art. 10.3: the casusoverleg file's periodic check
    casus_review_task = casus_review_tasks_open().get(process__artifact_object_id=casus.pk)
    return World(
        refs={
            "weegploeg_number": weegploeg_file.number,
            "weegploeg_task": weegploeg_task.pk,
            "weegploeg_signal": weegploeg_file.signals.get(registered_by=melder).pk,
            "casus_number": casus.number,
            "casus_task": open_task(casus, "review").pk,
            "casus_review_task": casus_review_task.pk,
            "advice": advice.pk,
            "meeting": meeting.pk,
            "proposal": proposal.pk,
            "request_number": request.number,
            "duty_number": casus.source_weegploeg_number,
            "hold": hold.pk,
            "list": destruction_list.pk,
            "incident": incident,
            "incident_task": open_task_of(incident.pk).pk,
            "review": review.pk,
            "party_slug": beheerder.party.slug,
            "year": timezone.localdate().year,
        }
    )


def _second_signal(file):
    """Issue 14.6: another melder's signal in the same file, by a melder who has not accepted the
    secrecy duty (so the walk can see the acceptance page on the melder's own-signal screens)."""
    from weegploeg.models import Signal

    second = user_for("melder", secrecy=False)
    return Signal.objects.create(
        file=file,
        observation="Tweede signaal over hetzelfde gedrag.",
        observed_on=timezone.localdate() - datetime.timedelta(days=2),
        melder_name="Tweede melder",
        melder_contact="tweede@politie.invalid",
        bringing_party=second.party,
        registered_by=second,
    )


def _decision_proposal():
    """A weegploeg decision proposed by the OM, waiting for a second kernpartij (art. 7.4)."""
    from tests.meetings.fixtures import ready_to_decide
    from tests.weegploeg.fixtures import weegploeglid
    from weegploeg.services import weegploeg_decision_propose

    file, _ = ready_to_decide()
    proposer = weegploeglid("Het Openbaar Ministerie")
    return weegploeg_decision_propose(file, by=proposer, outcome="niet_agenderen", motivation="Onvoldoende.")


def open_task_of(process_id: int):
    from viewflow.workflow.models import Task

    return Task.objects.filter(
        process_id=process_id, flow_task_type="HUMAN", status__in=task_lifecycle.OPEN_STATUSES
    ).first()


def _incident(uitvoerder):
    from incidents.models import IncidentProcess

    client = verified_client(uitvoerder)
    response = client.post(
        "/werk/incidenten/melden/",
        {"title": "Gegevensdrager verloren", "description": "USB-stick verloren", "discovered_at": "2026-03-02 09:00"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return IncidentProcess.objects.latest("pk")
