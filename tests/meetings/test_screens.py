"""Issue 14 item 5: the meetings screens (list, create, attendance, agenda) over HTTP, and the
weegploeg decision screen that takes the meeting or a proposal, and the second person's own
confirmation and refusal screens (art. 7.4; issue 13 item 8)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accesslog.models import AccessLogEntry
from meetings.models import DecisionProposal, Meeting, MeetingKind, ProposalStatus
from tests.casusoverleg.fixtures import uitvoerder
from tests.factories import party
from tests.helpers import verified_client
from tests.meetings.fixtures import OM, POLITIE, meeting_with, ready_to_decide
from tests.weegploeg.fixtures import confirmer, weegploeglid
from weegploeg.models import Decision, FileStatus

pytestmark = pytest.mark.django_db

LIST = "/werk/overleggen/"
DECISIONS = "/werk/overleggen/besluiten/"


def _decide_url(file):
    from viewflow.workflow.models import Task

    from core import tasks as task_lifecycle
    from flows.weegploeg import WeegploegFlow

    task = Task.objects.get(
        process_id=file.process_id, flow_task=WeegploegFlow.decide, status__in=task_lifecycle.OPEN_STATUSES
    )
    return f"/werk/weegploeg/taak/{task.pk}/"


def test_art_7_4_uitvoerder_prepares_a_meeting_agenda_and_attendance(published_referentiekader):
    file, lid = ready_to_decide()
    client = verified_client(uitvoerder())
    assert client.get(LIST).status_code == 200
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    created = client.post(LIST + "nieuw/", {"kind": MeetingKind.WEEGPLOEG, "held_on": yesterday})
    assert created.status_code == 302
    meeting = Meeting.objects.get()
    agenda_url = f"{LIST}{meeting.pk}/"
    assert created["Location"] == agenda_url
    assert client.post(agenda_url, {"number": file.number}).status_code == 302
    unknown = client.post(agenda_url, {"number": "W-1999-9999"})
    assert unknown.status_code == 400
    assert "geen actief dossier" in unknown.content.decode()
    attendance = {"parties": [party(POLITIE).pk], "users": [lid.pk, weegploeglid(OM).pk]}
    assert client.post(agenda_url + "aanwezigheid/", attendance).status_code == 302
    page = client.get(agenda_url).content.decode()
    assert file.number in page
    assert "2 kernpartijen aanwezig" in page
    assert "<legend>" in page
    assert {p.name for p in meeting.parties_present.all()} == {POLITIE, OM}
    listed = AccessLogEntry.objects.filter(object_ref="overleggen", allowed=True).first()
    assert listed is not None


def test_art_8_4_only_the_uitvoerder_creates_meetings_and_casuspartijen_see_none():
    from tests.casusoverleg.fixtures import deelnemer

    lid = verified_client(weegploeglid())
    assert lid.get(LIST).status_code == 200
    assert lid.post(LIST + "nieuw/", {"kind": "weegploeg", "held_on": "2026-01-01"}).status_code == 403
    assert not Meeting.objects.exists()
    assert verified_client(deelnemer("De Raad voor de kinderbescherming")).get(LIST).status_code == 403


def test_art_7_4_decision_screen_refuses_a_lone_decision_and_accepts_the_meeting(published_referentiekader):
    file, lid = ready_to_decide()
    client = verified_client(lid)
    url = _decide_url(file)
    alone = client.post(url, {"outcome": "niet_agenderen", "motivation": "Onvoldoende."})
    assert alone.status_code == 400
    assert "Kies hoe dit besluit wordt genomen" in alone.content.decode()
    no_meeting = client.post(url, {"outcome": "niet_agenderen", "motivation": "Onvoldoende.", "basis": "overleg"})
    assert no_meeting.status_code == 400
    assert "Kies het overleg" in no_meeting.content.decode()
    assert not Decision.objects.filter(file=file).exists()
    assert not DecisionProposal.objects.exists()
    meeting = meeting_with(file, present=(POLITIE, OM), users=[lid])
    page = client.get(url).content.decode()
    assert "Besloten in het overleg van" in page
    assert "Voorleggen ter bevestiging" in page
    data = {"outcome": "niet_agenderen", "motivation": "Onvoldoende.", "basis": "overleg", "meeting": meeting.pk}
    assert client.post(url, data).status_code == 302
    assert Decision.objects.get(file=file).collective.meeting == meeting


PROPOSAL = {"outcome": "agenderen", "motivation": "Zorgelijke uitingen.", "basis": "vier_ogen"}


def _proposed_over_http(file, lid):
    """The decider proposes on the task screen (art. 7.4): nothing happens to the file yet."""
    client = verified_client(lid)
    url = _decide_url(file)
    response = client.post(url, PROPOSAL)
    assert response.status_code == 302
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "Besluit wacht op bevestiging" in page
    assert "Vastleggen en afronden" not in page
    assert not Decision.objects.filter(file=file).exists()
    return DecisionProposal.objects.get(file_number=file.number, status=ProposalStatus.PENDING), url


def test_art_7_4_the_second_person_confirms_on_their_own_screen(published_referentiekader):
    file, lid = ready_to_decide()
    proposal, _task_url = _proposed_over_http(file, lid)
    om_lid = confirmer(OM)
    client = verified_client(om_lid)
    listed = client.get(DECISIONS)
    assert listed.status_code == 200
    assert file.number in listed.content.decode()
    assert "Besluiten ter bevestiging" in client.get("/werk/").content.decode()
    confirm_url = f"{DECISIONS}{proposal.pk}/"
    page = client.get(confirm_url).content.decode()
    assert "Zorgelijke uitingen." in page
    assert "Agenderen voor het casusoverleg" in page
    assert "<legend>" in page
    assert client.post(confirm_url).status_code == 302
    decision = Decision.objects.get(file=file)
    assert decision.decided_by == lid
    assert decision.collective.confirmed_by == om_lid
    file.refresh_from_db()
    assert file.status == FileStatus.INFORMATIEPLICHT
    # The access log names the file on every screen of the confirmer (art. 15.2e).
    rows = AccessLogEntry.objects.filter(user_id=om_lid.pk, allowed=True).order_by("id")
    on_file = [(r.action, r.object_ref) for r in rows if r.object_ref == file.number]
    assert on_file == [("read", file.number), ("update", file.number)]
    assert rows.filter(object_ref="besluiten-ter-bevestiging").exists()


def test_art_7_4_confirmation_screens_refuse_the_decider_and_their_own_party(published_referentiekader):
    file, lid = ready_to_decide()
    proposal, _ = _proposed_over_http(file, lid)
    confirm_url = f"{DECISIONS}{proposal.pk}/"
    for user in (lid, weegploeglid(POLITIE)):
        client = verified_client(user)
        assert client.get(confirm_url).status_code == 403
        assert client.post(confirm_url).status_code == 403
        assert client.post(confirm_url + "afwijzen/", {"reason": "Nee"}).status_code == 403
        assert file.number not in client.get(DECISIONS).content.decode()
        denied = AccessLogEntry.objects.filter(user_id=user.pk, allowed=False)
        assert denied.count() == 3
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    assert not Decision.objects.filter(file=file).exists()


def test_art_7_4_the_second_person_refuses_and_the_task_is_open_again(published_referentiekader):
    file, lid = ready_to_decide()
    proposal, task_url = _proposed_over_http(file, lid)
    om_lid = confirmer(OM)
    client = verified_client(om_lid)
    reject_url = f"{DECISIONS}{proposal.pk}/afwijzen/"
    empty = client.post(reject_url, {"reason": ""})
    assert empty.status_code == 400
    assert "Geef de reden" in empty.content.decode()
    assert client.post(reject_url, {"reason": "Eerst de gemeente horen."}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert not Decision.objects.filter(file=file).exists()
    changed = AccessLogEntry.objects.filter(user_id=om_lid.pk, allowed=True, object_ref=file.number, action="update")
    assert changed.exists()
    page = verified_client(lid).get(task_url).content.decode()
    assert "Vorig besluit niet bevestigd" in page
    assert "Eerst de gemeente horen." in page
    assert "Vastleggen en afronden" in page
