"""The weegploeg screens over HTTP, as users would walk them (art. 7, 8, 11.2-4, 15.2e)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task

from accesslog.models import AccessLogEntry
from casusoverleg.models import CasusoverlegFile
from core.tasks import OPEN_STATUSES
from flows.weegploeg import WeegploegFlow
from tests.factories import party
from tests.helpers import login_over_http, verified_client
from tests.weegploeg.bulk import bulk_open_processes
from tests.weegploeg.fixtures import (
    confirmed_over_http,
    intake_post,
    melder,
    referentiekader_publish,
    register,
    uitvoerder,
    weegploeglid,
)
from weegploeg.models import Analysis, FileStatus, InformationDuty, Signal, WeegploegFile

pytestmark = pytest.mark.django_db

INTAKE = "/werk/weegploeg/melden/"
INBOX = "/werk/weegploeg/"


def task_url(file: WeegploegFile, name: str) -> str:
    task = Task.objects.get(
        process_id=file.process_id, flow_task=getattr(WeegploegFlow, name), status__in=OPEN_STATUSES
    )
    return f"/werk/weegploeg/taak/{task.pk}/"


def analysis_post(next_step="besluit", **extra) -> dict:
    data = {
        "c_ID-1": "van_toepassing",
        "n_ID-1": "Filmpjes gedeeld",
        "c_ID-2": "onbekend",
        "n_ID-2": "",
        "c_RE-1": "niet_van_toepassing",
        "n_RE-1": "",
        "summary": "Zorgelijke uitingen.",
        "next_step": next_step,
        "info_party": "",
        "info_question": "",
    }
    data.update(extra)
    return data


def melder_registers_over_http(client, user) -> WeegploegFile:
    login_over_http(client, user, next_url=INTAKE)
    assert client.get(INTAKE).status_code == 200
    response = client.post(INTAKE, intake_post())
    assert response.status_code == 302, response.content.decode()[:2000]
    return WeegploegFile.objects.get()


def test_art_7_end_to_end_agenderen_with_deferred_information_duty(client, published_referentiekader):
    reporter = melder()
    file = melder_registers_over_http(client, reporter)
    assert "ontvangen" in client.get("/werk/weegploeg/mijn-meldingen/").content.decode()

    lid = weegploeglid()
    weegploeg = verified_client(lid)
    inbox = weegploeg.get(INBOX).content.decode()
    assert file.number in inbox
    assert "J.P.V." in inbox
    assert "Vries" not in inbox  # lists show file number and initials only

    page = weegploeg.get(task_url(file, "analyse")).content.decode()
    assert "Uitingen die geweld rechtvaardigen" in page
    assert weegploeg.post(task_url(file, "analyse"), analysis_post()).status_code == 302
    analysis = Analysis.objects.get(file=file)
    assert analysis.referentiekader_revision_id == published_referentiekader.live_revision_id
    assert analysis.items.count() == 3

    rvdk = party("De Raad voor de kinderbescherming")
    decision = {
        "outcome": "agenderen",
        "motivation": "Casusoverleg nodig.",
        "involved_parties": [rvdk.pk],
        "basis": "vier_ogen",
    }
    assert weegploeg.post(task_url(file, "decide"), decision).status_code == 302
    file.refresh_from_db()
    assert file.status == FileStatus.BESLUIT  # art. 7.4: a proposal until a second kernpartij confirms
    confirmed_over_http(file.number)

    duty = {
        "consulted_parties": [party("De politie").pk, party("Het Openbaar Ministerie").pk],
        "consultation_note": "Politie en OM geraadpleegd.",
        "outcome": "uitstellen",
        "ground": "d",
        "recheck_on": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
        "informed_on": "",
        "note": "Informeren zou het onderzoek schaden.",
    }
    assert weegploeg.post(task_url(file, "information_duty"), duty).status_code == 302

    file.refresh_from_db()
    assert file.status == FileStatus.GEAGENDEERD
    assert InformationDuty.objects.get(file=file).ground == "d"
    casus = CasusoverlegFile.objects.get(source_weegploeg_number=file.number)
    assert casus.subject.surname == "Vries"
    assert casus.signals.count() == 1
    assert list(casus.involved_parties.all()) == [rvdk]
    assert Signal.objects.filter(file=file).count() == 1
    assert file.subject.surname == "Vries"

    mine = client.get("/werk/weegploeg/mijn-meldingen/").content.decode()
    assert "Geagendeerd voor casusoverleg" in mine
    assert "Zorgelijke uitingen" not in mine
    assert "Filmpjes gedeeld" not in mine
    assert client.get(f"/werk/weegploeg/dossier/{file.number}/").status_code == 403

    detail = weegploeg.get(f"/werk/weegploeg/dossier/{file.number}/").content.decode()
    assert casus.number in detail
    assert "d. de voorkoming" in detail
    refs = set(AccessLogEntry.objects.filter(object_ref=file.number).values_list("user_id", flat=True))
    assert {reporter.pk, lid.pk} <= refs


def test_art_7_4_niet_agenderen_and_inform_now(published_referentiekader):
    file = register(melder())
    weegploeg = verified_client(weegploeglid())
    weegploeg.post(task_url(file, "analyse"), analysis_post())
    weegploeg.post(
        task_url(file, "decide"),
        {"outcome": "niet_agenderen", "motivation": "Onvoldoende substantieel.", "basis": "vier_ogen"},
    )
    confirmed_over_http(file.number)
    duty = {
        "consulted_parties": [party("De gemeente Gennep").pk],
        "consultation_note": "Overleg",
        "outcome": "nu_informeren",
        "note": "Brief verstuurd.",
    }
    assert weegploeg.post(task_url(file, "information_duty"), duty).status_code == 302
    file.refresh_from_db()
    assert file.status == FileStatus.NIET_GEAGENDEERD
    assert file.information_duty.informed_on == timezone.localdate()
    assert not CasusoverlegFile.objects.exists()
    assert file.process.status == "DONE"


def test_art_7_4_meer_informatie_nodig_loops_back_to_analysis(published_referentiekader):
    file = register(melder())
    weegploeg = verified_client(weegploeglid("De politie"))
    om = party("Het Openbaar Ministerie")
    response = weegploeg.post(
        task_url(file, "analyse"), analysis_post("meer_informatie", info_party=om.pk, info_question="Strafblad?")
    )
    assert response.status_code == 302
    file.refresh_from_db()
    assert file.status == FileStatus.MEER_INFORMATIE

    # the task is for the named kernpartij only
    # (issue 14: "mijn groep" is what this user may take; the first page shows the success message)
    weegploeg.get(INBOX)
    assert file.number not in weegploeg.get(INBOX + "?wie=mijn-groep").content.decode()
    om_client = verified_client(weegploeglid("Het Openbaar Ministerie"))
    assert file.number in om_client.get(INBOX + "?wie=mijn-groep").content.decode()
    supply = task_url(file, "supply_information")
    assert "Strafblad?" in om_client.get(supply).content.decode()
    refused = weegploeg.post(supply, {"answer": "nee"}, follow=True)
    assert "niet (meer) uitvoeren" in refused.content.decode()
    assert om_client.post(supply, {"answer": "Geen antecedenten."}).status_code == 302

    file.refresh_from_db()
    assert file.status == FileStatus.IN_ANALYSE
    assert weegploeg.post(task_url(file, "analyse"), analysis_post()).status_code == 302
    assert file.analyses.count() == 2
    assert Task.objects.filter(process_id=file.process_id, flow_task=WeegploegFlow.decide).exists()


def test_art_7_3_old_analysis_keeps_the_criteria_it_was_made_with(published_referentiekader):
    file = register(melder())
    weegploeg = verified_client(weegploeglid())
    weegploeg.post(task_url(file, "analyse"), analysis_post())
    referentiekader_publish(
        [("ID-1", "Gewijzigd criterium", "Nieuwe tekst"), ("XX-9", "Nieuw criterium", "...")],
        page=published_referentiekader,
    )
    detail = weegploeg.get(f"/werk/weegploeg/dossier/{file.number}/").content.decode()
    assert "Uitingen die geweld rechtvaardigen" in detail
    assert "Gewijzigd criterium" not in detail
    assert "Nieuw criterium" not in detail


def test_art_7_3_analysis_refused_without_published_referentiekader():
    file = register(melder())
    weegploeg = verified_client(weegploeglid())
    response = weegploeg.post(task_url(file, "analyse"), analysis_post())
    assert response.status_code == 400
    assert "geen gepubliceerd referentiekader" in response.content.decode()
    assert not Analysis.objects.exists()


def test_art_8_2_known_subject_is_shown_to_the_weegploeg_not_the_melder(published_referentiekader):
    reporter = melder()
    first = register(reporter, bsn="111222333")
    second = register(reporter, bsn="111222333", surname="Anders")
    melder_client = verified_client(reporter)
    assert "Bekend subject" not in melder_client.get("/werk/weegploeg/mijn-meldingen/").content.decode()
    assert melder_client.get(f"/werk/weegploeg/dossier/{second.number}/").status_code == 403
    weegploeg = verified_client(weegploeglid())
    page = weegploeg.get(f"/werk/weegploeg/dossier/{second.number}/").content.decode()
    assert "Bekend subject?" in page
    assert first.number in page
    response = weegploeg.post(f"/werk/weegploeg/dossier/{second.number}/koppelen/", {"other": first.number})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.subject_id == first.subject_id
    assert (
        melder_client.post(f"/werk/weegploeg/dossier/{second.number}/koppelen/", {"other": first.number}).status_code
        == 403
    )


def test_art_8_4_claim_release_and_reassign(published_referentiekader):
    file = register(melder())
    lid, colleague, boss = weegploeglid(), weegploeglid("De gemeente Venlo"), uitvoerder()
    url = task_url(file, "analyse")
    client = verified_client(lid)
    client.post(url + "oppakken/")
    task = Task.objects.get(pk=int(re.findall(r"\d+", url)[0]))
    assert task.owner == lid
    # a colleague cannot complete a task someone else claimed
    refused = verified_client(colleague).post(url, analysis_post(), follow=True)
    assert "niet (meer) uitvoeren" in refused.content.decode()
    client.post(url + "vrijgeven/")
    task.refresh_from_db()
    assert task.owner is None
    boss_client = verified_client(boss)
    assert boss_client.get(url + "toewijzen/").status_code == 200
    boss_client.post(url + "toewijzen/", {"user": colleague.pk})
    task.refresh_from_db()
    assert task.owner == colleague
    assert verified_client(colleague).post(url, analysis_post()).status_code == 302
    assert client.get(url + "toewijzen/").status_code == 403  # only the uitvoerder reassigns


INVALID_INTAKES = [
    (dict.fromkeys(intake_post(), ""), "Dit veld is verplicht."),
    ({"observation": "x" * 5001}, "Gebruik ten hoogste 5000 tekens"),
    ({"surname": "y" * 101}, "Gebruik ten hoogste 100 tekens"),
    ({"observed_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()}, "niet in de toekomst"),
    ({"date_of_birth": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()}, "niet in de toekomst"),
    ({"date_of_birth": "1850-01-01"}, "niet aannemelijk"),
    ({"date_of_birth": "2020-02-31"}, "geldige datum"),
    ({"bsn": "123456789"}, "geen geldig BSN"),
    ({"melder": "namens"}, "namens iemand anders registreert"),
    ({"melder": "<b>"}, "Maak een keuze uit de lijst."),
    ({"date_of_birth": "2001-01-01", "observed_on": "2000-01-01"}, "vóór de geboortedatum"),
]


@pytest.mark.parametrize(("overrides", "message"), INVALID_INTAKES)
def test_art_7_2_invalid_intake_gives_dutch_messages_and_stores_nothing(overrides, message):
    client = verified_client(melder())
    response = client.post(INTAKE, intake_post(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not WeegploegFile.objects.exists()
    assert not Signal.objects.exists()


def test_art_7_2_markup_is_stored_as_text_and_shown_escaped(published_referentiekader):
    client = verified_client(melder())
    script = "<script>alert('x')</script><b>vet</b>"
    assert client.post(INTAKE, intake_post(observation=script, given_names="<i>Jan</i>")).status_code == 302
    file = WeegploegFile.objects.get()
    assert file.signals.get().observation == script
    page = verified_client(weegploeglid()).get(f"/werk/weegploeg/dossier/{file.number}/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;i&gt;Jan&lt;/i&gt;" in page


def test_art_7_2_bad_query_strings_and_unknown_ids_never_error():
    weegploeg = verified_client(weegploeglid())
    # Issue 12: an unknown number gets the same answer as a refused one, so numbers cannot be probed.
    assert weegploeg.get("/werk/weegploeg/dossier/W-0000-0000/").status_code == 403
    assert weegploeg.get("/werk/weegploeg/taak/999999/").status_code == 403
    assert weegploeg.get(INBOX + "?page=<script>&x=abc").status_code == 200
    # A NUL character is refused before any view runs (config.middleware): a Dutch 400.
    assert weegploeg.get(INBOX + "?x=%00").status_code == 400
    assert weegploeg.post("/werk/weegploeg/taak/999999/oppakken/").status_code == 403


def test_art_7_inbox_queries_stay_flat_from_10_to_2000_open_processes(django_assert_max_num_queries):
    lid = weegploeglid()
    client = verified_client(lid)
    bulk_open_processes(10)
    client.get(INBOX)  # warm caches (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(INBOX).status_code == 200
    bulk_open_processes(1990, start=10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(INBOX)
    assert response.status_code == 200
    assert "Analyse met het referentiekader: 2000" in response.content.decode()


def test_art_7_dashboard_links_follow_the_role():
    melder_page = verified_client(melder()).get("/werk/").content.decode()
    assert "/werk/weegploeg/melden/" in melder_page
    assert 'href="/werk/weegploeg/"' not in melder_page
    weegploeg_page = verified_client(weegploeglid()).get("/werk/").content.decode()
    assert 'href="/werk/weegploeg/"' in weegploeg_page
    assert "/werk/weegploeg/melden/" not in weegploeg_page
