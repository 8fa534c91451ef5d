"""Incident and data-breach register (art. 15.2g; AVG art. 33/34) as a viewflow flow.

Every screen (the register, the detail, reporting and the task screens — our own, in the staff
shell; viewflow's Material screens are not mounted) goes through the one access entry point:
kernpartijen with the incident permission only, the secrecy duty first (art. 14), and the access
log under the incident's kenmerk (art. 15.2e)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from accesslog.models import AccessLogEntry
from accounts.roles import Role
from flows.incidents import IncidentFlow
from incidents.models import DeadlineState, IncidentProcess
from secrecy.models import SecrecyAcceptance
from tests.clock import freeze_time
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db

START = "/werk/incidenten/melden/"
DESCRIPTION = "USB-stick met gegevens van Jan Voorbeeld verloren in de trein."


def uitvoerder():
    return accepted(
        UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"), email="uitvoerder@example.invalid")
    )


def register(client, discovered="2026-03-02 09:00") -> IncidentProcess:
    response = client.post(
        START, {"title": "Gegevensdrager verloren", "description": DESCRIPTION, "discovered_at": discovered}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return IncidentProcess.objects.latest("pk")


def do_task(client, process, name, data):
    task = next(t for t in process.task_set.all() if t.flow_task.name == name and t.status in ("NEW", "ASSIGNED"))
    base = f"/werk/incidenten/taak/{task.pk}/"
    if task.status == "NEW":
        assert client.post(base + "oppakken/").status_code == 302
    response = client.get(base)
    assert response.status_code == 200
    assert 'aria-label="Werkomgeving"' in response.content.decode()  # the staff shell, not Material
    response = client.post(base, data)
    return response


@freeze_time("2026-03-02 10:00:00+01:00")
def test_art_15_2g_breach_flow_over_http_with_72_hour_deadline_from_discovery():
    user = uitvoerder()
    client = verified_client(user)
    process = register(client, discovered="2026-03-02 08:30")
    assert process.reference == "I-2026-0001"
    assert process.reporter_party == user.party
    # 72 hours from discovery, not from registration.
    assert process.ap_deadline == datetime.datetime(
        2026, 3, 5, 8, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )
    response = do_task(
        client,
        process,
        "classify",
        {"is_breach": "ja", "severity": "hoog", "classification_reason": "Persoonsgegevens onversleuteld"},
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.is_breach is True
    assert process.classified_at is not None
    # Reported to the AP without a date: refused in Dutch, nothing changed.
    response = do_task(client, process, "notify_ap", {"ap_notified": "ja"})
    assert response.status_code == 400
    assert "Vul in wanneer" in response.content.decode()
    process.refresh_from_db()
    assert process.ap_notified is None
    response = do_task(
        client,
        process,
        "notify_ap",
        {
            "ap_notified": "ja",
            "ap_notified_at": "2026-03-02 09:45",
            "ap_reference": "AP-123",
            "ap_decision_reason": "Meldplicht",
        },
    )
    assert response.status_code == 302
    response = do_task(
        client,
        process,
        "inform_subjects",
        {"subjects_decision": "informeren", "subjects_decision_reason": "Hoog risico"},
    )
    assert response.status_code == 302
    response = do_task(client, process, "measures", {"measures": "Versleuteling verplicht gesteld."})
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.status == "DONE"
    assert process.closed_at is not None
    assert process.deadline_state() == DeadlineState.NOTIFIED
    # Every step was logged under the reference, never with the description: the report, the four
    # completed tasks and the four claims ('assign', a change of the task that goes through the entry
    # point like every action); the refused AP notification without a date changed nothing (a read).
    entries = AccessLogEntry.objects.filter(object_type="incident", object_ref="I-2026-0001")
    assert entries.filter(action="create").count() == 1
    assert entries.filter(action="update").count() == 8
    assert not entries.filter(allowed=False).exists()
    assert not AccessLogEntry.objects.filter(purpose__contains="Jan").exists()


@freeze_time("2026-03-02 10:00:00+01:00")
def test_art_15_2g_no_breach_skips_the_ap_steps():
    client = verified_client(uitvoerder())
    process = register(client)
    do_task(client, process, "classify", {"is_breach": "nee", "severity": "laag", "classification_reason": "Geen pg"})
    process.refresh_from_db()
    names = {t.flow_task.name for t in process.task_set.all()}
    assert "notify_ap" not in names
    assert "measures" in names
    assert process.ap_deadline is None
    assert process.deadline_state() == DeadlineState.NONE


def make(reference, discovered, **kwargs) -> IncidentProcess:
    kwargs.setdefault("description", "d")
    kwargs.setdefault("flow_class", IncidentFlow)
    return IncidentProcess.objects.create(reference=reference, title="t", discovered_at=discovered, **kwargs)


def test_art_15_2g_deadline_states_with_a_frozen_clock():
    with freeze_time("2026-03-01 12:00:00+00:00"):
        process = make("I-2026-0001", datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC), is_breach=True)
    with freeze_time("2026-03-03 11:59:00+00:00"):
        assert process.deadline_state() == DeadlineState.OPEN
    with freeze_time("2026-03-03 12:01:00+00:00"):
        assert process.deadline_state() == DeadlineState.ESCALATED
    with freeze_time("2026-03-04 12:00:01+00:00"):
        assert process.deadline_state() == DeadlineState.OVERDUE


@freeze_time("2026-03-10 12:00:00+00:00")
def test_art_15_2g_register_shows_overdue_breaches_first_and_is_logged():
    utc = datetime.UTC
    make("I-2026-0001", datetime.datetime(2026, 3, 9, 12, tzinfo=utc), is_breach=True)  # open
    make("I-2026-0002", datetime.datetime(2026, 3, 1, 12, tzinfo=utc), is_breach=True)  # overdue
    make("I-2026-0003", datetime.datetime(2026, 3, 9, 18, tzinfo=utc), is_breach=False)  # no breach, newest
    make("I-2026-0004", datetime.datetime(2026, 3, 5, 12, tzinfo=utc), is_breach=True, ap_notified=True)
    make("I-2026-0005", datetime.datetime(2026, 3, 6, 12, tzinfo=utc))  # unclassified: clock runs, overdue
    response = verified_client(uitvoerder()).get("/werk/incidenten/")
    assert response.status_code == 200
    order = [row["incident"].reference for row in response.context["rows"]]
    assert order[:3] == ["I-2026-0002", "I-2026-0005", "I-2026-0001"]
    assert "Termijn verstreken" in response.content.decode()
    assert AccessLogEntry.objects.filter(object_type="incident", object_ref="register", allowed=True).count() == 1


def test_art_15_2g_only_uitvoerder_and_kernpartijen_see_incidents():
    make("I-2026-0001", datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC))
    deelnemer = UserFactory(roles=[Role.CASUSOVERLEG_DEELNEMER], party=party("De Reclassering Nederland"))
    client = verified_client(deelnemer)
    for url in ("/werk/incidenten/", "/werk/incidenten/I-2026-0001/", START):
        assert client.get(url).status_code == 403, url
    assert AccessLogEntry.objects.filter(object_type="incident", allowed=False).count() >= 2
    weegploeglid = accepted(UserFactory(roles=[Role.WEEGPLOEGLID], party=party("De politie")))
    client = verified_client(weegploeglid)
    assert client.get("/werk/incidenten/").status_code == 200
    assert client.get("/werk/incidenten/I-2026-0001/").status_code == 200
    # A number that does not exist gets the same answer as a refusal (no probing), with its denied row.
    before = AccessLogEntry.objects.filter(allowed=False).count()
    assert client.get("/werk/incidenten/I-2026-9999/").status_code == 403
    assert AccessLogEntry.objects.filter(allowed=False).count() == before + 1


def test_art_15_2g_a_kernpartij_member_may_report_but_not_classify():
    weegploeglid = accepted(UserFactory(roles=[Role.WEEGPLOEGLID], party=party("De politie")))
    client = verified_client(weegploeglid)
    with freeze_time("2026-03-02 10:00:00+01:00"):
        process = register(client)
        task = next(t for t in process.task_set.all() if t.flow_task.name == "classify")
        response = client.post(f"/werk/incidenten/taak/{task.pk}/oppakken/")
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.owner_id is None
    refused = AccessLogEntry.objects.get(allowed=False)
    assert (refused.object_type, refused.object_ref, refused.action) == ("incident", process.reference, "update")


def test_art_15_2g_escalation_command_mails_references_only():
    uitvoerder()
    with freeze_time("2026-03-01 12:00:00+00:00"):
        make("I-2026-0001", datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), description=DESCRIPTION)
        make("I-2026-0002", datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC), is_breach=False)
    with freeze_time("2026-03-03 20:00:00+00:00"):
        call_command("incidents_escalate")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "I-2026-0001" in body
    assert "I-2026-0002" not in body
    assert "Jan" not in body
    assert mail.outbox[0].to == ["uitvoerder@example.invalid"]


def test_art_15_2e_incident_detail_logs_exactly_one_complete_row_without_personal_data():
    make("I-2026-0001", datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), description=DESCRIPTION)
    user = uitvoerder()
    response = verified_client(user).get("/werk/incidenten/I-2026-0001/")
    assert response.status_code == 200
    assert "Jan Voorbeeld" in response.content.decode()
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.object_type, entry.object_ref, entry.allowed) == (
        "read",
        "incident",
        "I-2026-0001",
        True,
    )
    for field in ("created_at", "user_id", "party_id", "roles", "purpose", "client_address", "row_hash"):
        assert getattr(entry, field) not in (None, ""), field
    text = " ".join(str(getattr(entry, f.attname)) for f in AccessLogEntry._meta.fields)
    assert "Jan" not in text
    assert user.last_name not in text
    assert user.email not in text


def test_art_14_incident_screens_require_the_accepted_secrecy_duty_for_every_method():
    make("I-2026-0001", datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), description=DESCRIPTION)
    user = uitvoerder()
    SecrecyAcceptance.objects.filter(user=user).delete()
    client = verified_client(user)
    for url in ("/werk/incidenten/", "/werk/incidenten/I-2026-0001/", START):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/werk/geheimhouding/?next="), url
    response = client.post(START, {"title": "t", "description": DESCRIPTION, "discovered_at": "2026-03-02 09:00"})
    assert response.status_code == 302
    assert response["Location"].startswith("/werk/geheimhouding/?next=")
    assert IncidentProcess.objects.count() == 1  # nothing registered
    assert not AccessLogEntry.objects.filter(allowed=True).exists()


def test_art_15_2g_superuser_status_opens_no_incident_screen():
    make("I-2026-0001", datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC))
    boss = accepted(UserFactory(party=party("De politie"), is_superuser=True, is_staff=True))
    client = verified_client(boss)
    for url in ("/werk/incidenten/", "/werk/incidenten/I-2026-0001/", START):
        assert client.get(url).status_code == 403, url


def test_art_15_2e_every_incident_screen_is_declared_and_no_viewflow_screen_is_mounted():
    from access.matrix import work_patterns

    patterns = [p for p in work_patterns() if p.route.startswith("werk/")]
    assert [p.route for p in patterns if p.route.startswith("werk/processen/")] == []
    incident = [p for p in patterns if p.route.startswith("werk/incidenten/")]
    assert [p.route for p in incident if p.screen is None] == []
    assert {p.screen.rule for p in incident} == {
        "incidents.view_register",
        "incidents.register",
        "incidents.work_task",
    }


@freeze_time("2026-03-02 10:00:00+01:00")
def test_art_15_2g_incident_screens_render_no_viewflow_material_template():
    from django.test.signals import template_rendered

    used: list[str] = []

    def remember(sender, template, **kwargs):
        used.append(template.name or "")

    template_rendered.connect(remember)
    try:
        client = verified_client(uitvoerder())
        assert client.get(START).status_code == 200
        process = register(client)
        do_task(client, process, "classify", {"is_breach": "nee", "severity": "laag", "classification_reason": "x"})
        assert client.get(f"/werk/incidenten/{process.reference}/").status_code == 200
    finally:
        template_rendered.disconnect(remember)
    assert used
    assert not [name for name in used if name.startswith(("viewflow/", "material/"))]
    assert client.get("/werk/processen/incident/").status_code == 404


@freeze_time("2026-03-02 10:00:00+01:00")
def test_art_15_2g_a_report_without_description_is_refused_in_dutch_and_starts_nothing():
    client = verified_client(uitvoerder())
    response = client.post(START, {"title": "t", "description": "", "discovered_at": "2026-03-02 09:00"})
    assert response.status_code == 400
    assert "Dit veld is vereist" in response.content.decode()
    assert IncidentProcess.objects.count() == 0
