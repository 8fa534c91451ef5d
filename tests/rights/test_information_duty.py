"""Art. 11.3-5: deferred information duties are judged again every 3 months (configurable) until
no ground remains; then the subject gets a letter, also when no measures followed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accesslog.models import AccessAction, AccessLogEntry
from rights.models import FollowUpCheck
from rights.selectors.deadlines import deadlines_dashboard
from rights.services.information_duty import information_duty_check
from rights.services.registration import identity_record, rights_request_register
from tests.clock import freeze_time
from tests.helpers import verified_client
from tests.rights.fixtures import SUBJECT_A, _agendered, pdf_text, uitvoerder
from weegploeg.models import InformationDuty

pytestmark = pytest.mark.django_db


def _deferred():
    file, _casus = _agendered(
        SUBJECT_A, second_signal="Tweede signaal.", summary="Samenvatting.", note="Notitie", motivation="Motivering."
    )
    return InformationDuty.objects.get(file=file)


def test_art_11_4_a_deferred_duty_is_planned_again_three_months_later_by_default():
    with freeze_time("2026-03-02"):
        duty = _deferred()
        user = uitvoerder()
    with freeze_time("2026-06-01"):
        information_duty_check(
            duty,
            by=user,
            checked_on=datetime.date(2026, 6, 1),
            ground_remains=True,
            ground="d",
            note="Onderzoek loopt nog",
        )
        duty.refresh_from_db()
        assert duty.follow_up.next_check_on == datetime.date(2026, 9, 1)
        assert duty.informed_on is None
        with pytest.raises(ValidationError, match="artikel 41 UAVG") as refused:
            information_duty_check(duty, by=user, checked_on=datetime.date(2026, 6, 1), ground_remains=True, note="x")
        assert refused.value.code == "grond_ontbreekt"


def test_art_11_4_recheck_interval_is_configurable(settings):
    settings.RIGHTS_INFORMATION_RECHECK_MONTHS = 1
    with freeze_time("2026-03-02"):
        duty = _deferred()
        information_duty_check(
            duty,
            by=uitvoerder(),
            checked_on=datetime.date(2026, 3, 2),
            ground_remains=True,
            ground="c",
            note="Nog steeds",
        )
        duty.refresh_from_db()
        assert duty.follow_up.next_check_on == datetime.date(2026, 4, 2)


def test_art_11_5_when_no_ground_remains_the_subject_is_informed_with_a_letter_over_http():
    with freeze_time("2026-03-02"):
        duty = _deferred()
        user = uitvoerder()
        client = verified_client(user)
        listing = client.get("/werk/rechten/informatieplicht/").content.decode()
        assert duty.file.number in listing
        page = client.post(
            f"/werk/rechten/informatieplicht/{duty.file.number}/",
            {"checked_on": "2026-03-02", "ground_remains": "nee", "note": "Onderzoek afgerond."},
        )
        assert page.status_code == 302
        duty.refresh_from_db()
        assert duty.informed_on == datetime.date(2026, 3, 2)
        assert duty.follow_up.informed_on == datetime.date(2026, 3, 2)
        assert FollowUpCheck.objects.get().ground_remains is False
        letter = client.get(f"/werk/rechten/informatieplicht/{duty.file.number}/brief.pdf")
        assert letter.status_code == 200
        text = pdf_text(letter.content)
        assert "Kleuskens" in text
        assert "artikel 14 AVG" in text
        assert "De politie" in text
        assert AccessLogEntry.objects.filter(action=AccessAction.EXPORT, object_ref=duty.file.number).exists()
        # Done: no longer on the list of open duties, and a second check is refused.
        again = client.post(
            f"/werk/rechten/informatieplicht/{duty.file.number}/",
            {"checked_on": "2026-03-02", "ground_remains": "nee", "note": "Nogmaals"},
        )
        assert again.status_code == 302
        assert FollowUpCheck.objects.count() == 1


def test_art_11_5_the_letter_says_so_when_no_measures_followed():
    from weegploeg.models import Outcome

    with freeze_time("2026-03-02"):
        duty = _deferred()
        duty.file.decision.outcome = Outcome.NIET_AGENDEREN
        duty.file.decision.save(update_fields=["outcome"])
        user = uitvoerder()
        information_duty_check(duty, by=user, checked_on=datetime.date(2026, 3, 2), ground_remains=False, note="Klaar")
        text = pdf_text(
            verified_client(user).get(f"/werk/rechten/informatieplicht/{duty.file.number}/brief.pdf").content
        )
        assert "geen (verdere) maatregelen" in text


def test_art_11_3_12_3_15_2g_deadlines_dashboard_lists_every_open_deadline_overdue_first_with_counts():
    from rights.models import RequesterKind, RequestKind

    with freeze_time("2026-01-05 09:00"):
        duty = _deferred()  # re-check due 2026-04-05; accuracy review due 2026-07-05
        user = uitvoerder()
        request = rights_request_register(
            by=user,
            weegploeg_number=duty.file.number,
            kind=RequestKind.INZAGE,
            received_on=datetime.date(2026, 1, 5),
            requester_kind=RequesterKind.BETROKKENE,
            reply_address="Postbus 1",
        )
        identity_record(request, established_on=datetime.date(2026, 1, 5), method="balie")
        waiting = rights_request_register(
            by=user,
            weegploeg_number=duty.file.number,
            kind=RequestKind.INZAGE,
            received_on=datetime.date(2026, 1, 5),
            requester_kind=RequesterKind.BETROKKENE,
            reply_address="Postbus 1",
        )
    from incidents.models import IncidentProcess

    with freeze_time("2026-02-10 09:00"):  # the inzage (due 2 Feb) is overdue
        discovered = timezone.now() - datetime.timedelta(hours=20)
        breach = IncidentProcess.objects.create(reference="I-2026-0001", title="t", discovered_at=discovered)
        IncidentProcess.objects.create(reference="I-2026-0002", title="t", discovered_at=discovered, is_breach=False)
        data = deadlines_dashboard()
        assert [row.ref for row in data["rows"][:2]] == [request.number, breach.reference]  # 72 hours: 12 Feb
        assert "I-2026-0002" not in [row.ref for row in data["rows"]]
        kinds = [row.kind for row in data["rows"]]
        assert data["rows"][0].ref == request.number
        assert data["rows"][0].overdue
        assert "informatieplicht" in kinds
        assert "juistheid" in kinds
        dues = [row.due for row in data["rows"] if not row.overdue]
        assert dues == sorted(dues)
        assert data["overdue"] == 1
        assert data["total"] == len(data["rows"])
        assert waiting in data["waiting_identity"]
        page = verified_client(user).get("/werk/rechten/termijnen/").content.decode()
        assert page.index(request.number) < page.index(duty.file.number)
        assert "Totaal: <strong>" in page


def test_art_11_4_overdue_recheck_reminds_the_uitvoerder_with_the_file_number_only():
    from django.core import mail
    from django.core.management import call_command

    with freeze_time("2026-03-02"):
        duty = _deferred()  # re-check on 2026-05-31
        uitvoerder()
    with freeze_time("2026-05-30"):
        mail.outbox.clear()
        call_command("rights_escalate")
        assert mail.outbox == []
    with freeze_time("2026-06-02"):
        call_command("rights_escalate")
        assert len(mail.outbox) == 1
        assert duty.file.number in mail.outbox[0].body
        for value in ("Kleuskens", "Mirthe", "Kapelstraat", "1998"):
            assert value not in mail.outbox[0].body
