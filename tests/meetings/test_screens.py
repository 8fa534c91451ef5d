"""Issue 14 item 5: the meetings screens (list, create, attendance, agenda) over HTTP, and the
weegploeg decision screen that takes the meeting or a confirming colleague (art. 7.4)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accesslog.models import AccessLogEntry
from meetings.models import Meeting, MeetingKind
from tests.casusoverleg.fixtures import uitvoerder
from tests.factories import party
from tests.helpers import verified_client
from tests.meetings.fixtures import OM, POLITIE, meeting_with, ready_to_decide
from tests.weegploeg.fixtures import confirmer, weegploeglid
from weegploeg.models import Decision

pytestmark = pytest.mark.django_db

LIST = "/werk/overleggen/"


def _decide_url(file):
    from viewflow.workflow.models import Task

    from flows import services as flow_services
    from flows.weegploeg import WeegploegFlow

    task = Task.objects.get(
        process_id=file.process_id, flow_task=WeegploegFlow.decide, status__in=flow_services.OPEN_STATUSES
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
    assert unknown.status_code == 400 and "geen actief dossier" in unknown.content.decode()
    attendance = {"parties": [party(POLITIE).pk], "users": [lid.pk, weegploeglid(OM).pk]}
    assert client.post(agenda_url + "aanwezigheid/", attendance).status_code == 302
    page = client.get(agenda_url).content.decode()
    assert file.number in page and "2 kernpartijen aanwezig" in page and "<legend>" in page
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
    assert alone.status_code == 400 and "niet door één persoon" in alone.content.decode()
    assert not Decision.objects.filter(file=file).exists()
    meeting = meeting_with(file, present=(POLITIE, OM), users=[lid])
    page = client.get(url).content.decode()
    assert "Besloten in het overleg van" in page and "Of: bevestigd door" in page
    done = client.post(url, {"outcome": "niet_agenderen", "motivation": "Onvoldoende.", "meeting": meeting.pk})
    assert done.status_code == 302
    assert Decision.objects.get(file=file).collective.meeting == meeting


def test_art_7_4_decision_screen_four_eyes_of_the_same_party_is_refused(published_referentiekader):
    file, lid = ready_to_decide()
    client = verified_client(lid)
    same = weegploeglid(POLITIE)
    refused = client.post(_decide_url(file), {"outcome": "niet_agenderen", "motivation": "x", "confirmed_by": same.pk})
    assert refused.status_code == 400 and not Decision.objects.filter(file=file).exists()
    other = confirmer(OM)
    done = client.post(_decide_url(file), {"outcome": "niet_agenderen", "motivation": "x", "confirmed_by": other.pk})
    assert done.status_code == 302 and Decision.objects.get(file=file).collective.confirmed_by == other
