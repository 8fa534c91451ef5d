"""Issue 15.4: mail that cannot get lost. Every mail is written to the outbox in the transaction of
the change that causes it; ``outbox_send`` sends it afterwards, retries with a growing delay and
records each attempt. Delivery is at least once, a resend keeps the Message-ID, escalation runs are
idempotent, and no mail carries personal data."""

from __future__ import annotations

import datetime
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction

from accounts.roles import Role
from flows.incidents import IncidentFlow
from incidents.models import IncidentProcess
from outbox.models import MessageStatus, OutboxAttempt, OutboxMessage
from outbox.services import mail_queue, outbox_send
from tests.clock import freeze_time
from tests.factories import UserFactory, party

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
DESCRIPTION = "USB-stick met gegevens van Jan Voorbeeld verloren in de trein."


def _handler():
    return UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"), email="uitvoerder@example.invalid")


def _breach(reference: str, discovered: datetime.datetime) -> IncidentProcess:
    return IncidentProcess.objects.create(
        reference=reference,
        title="Gegevensdrager verloren",
        description=DESCRIPTION,
        discovered_at=discovered,
        is_breach=True,
        flow_class=IncidentFlow,
    )


def _smtp_down():
    return mock.patch.object(
        EmailBackend, "send_messages", side_effect=smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    )


def test_issue_15_4_smtp_failure_keeps_the_mails_and_the_next_run_sends_each_exactly_once_with_the_same_message_id():
    _handler()
    with freeze_time("2026-03-01 12:00:00+00:00"):
        _breach("I-2026-0001", datetime.datetime(2026, 3, 1, 9, tzinfo=UTC))
        _breach("I-2026-0002", datetime.datetime(2026, 3, 1, 10, tzinfo=UTC))
    with freeze_time("2026-03-03 20:00:00+00:00"), _smtp_down():
        call_command("incidents_escalate")  # queues, then tries to send: the server is down
    assert mail.outbox == []
    queued = list(OutboxMessage.objects.order_by("pk"))
    assert len(queued) == 2
    assert all(m.status == MessageStatus.WACHTEND and m.attempts == 1 for m in queued)
    ids = {m.pk: m.message_id for m in queued}
    failed = OutboxAttempt.objects.filter(succeeded=False)
    assert failed.count() == 2
    assert all("SMTPServerDisconnected" in a.error for a in failed)
    with freeze_time("2026-03-03 20:00:30+00:00"):  # the retry delay (one minute) has not passed
        assert outbox_send().sent == 0
    assert mail.outbox == []
    with freeze_time("2026-03-03 20:02:00+00:00"):
        call_command("outbox_send")
        call_command("outbox_send")  # nothing is sent twice
    assert len(mail.outbox) == 2
    assert sorted(m.extra_headers["Message-ID"] for m in mail.outbox) == sorted(ids.values())
    assert sorted(m.message()["Message-ID"] for m in mail.outbox) == sorted(ids.values())
    for message in OutboxMessage.objects.all():
        assert message.status == MessageStatus.VERZONDEN
        assert message.attempts == 2
        assert list(message.attempt_log.values_list("succeeded", flat=True)) == [False, True]
    bodies = " ".join(m.subject + m.body for m in mail.outbox)
    assert "I-2026-0001" in bodies
    assert "I-2026-0002" in bodies
    assert "Jan" not in bodies
    assert "USB" not in bodies


def test_issue_15_4_a_mail_whose_delivery_is_not_confirmed_is_resent_with_the_same_message_id():
    """At least once: the server took the mail but the connection broke before it said so."""

    def accepted_then_lost(self, messages):
        mail.outbox.extend(messages)
        raise smtplib.SMTPServerDisconnected("lost after DATA")

    with freeze_time("2026-03-03 20:00:00+00:00"):
        with transaction.atomic():
            queued = mail_queue(subject="Termijn verstreken: R-2026-0001", body="R-2026-0001", to=["a@x.invalid"])
        with mock.patch.object(EmailBackend, "send_messages", accepted_then_lost):
            assert outbox_send().failed == 1
    with freeze_time("2026-03-03 20:05:00+00:00"):
        assert outbox_send().sent == 1
    assert len(mail.outbox) == 2
    assert {m.message()["Message-ID"] for m in mail.outbox} == {queued.message_id}


def test_issue_15_4_the_mail_is_written_in_the_transaction_of_the_change_that_causes_it():
    def failing_change():
        with transaction.atomic():
            mail_queue(subject="Kennisgeving van correctie R-2026-0001", body="R-2026-0001", to=["a@x.invalid"])
            raise RuntimeError("de wijziging mislukt")

    with pytest.raises(RuntimeError):
        failing_change()
    assert not OutboxMessage.objects.exists()


def test_issue_15_4_incident_escalation_run_twice_queues_once_and_a_new_state_queues_again():
    _handler()
    with freeze_time("2026-03-01 12:00:00+00:00"):
        _breach("I-2026-0001", datetime.datetime(2026, 3, 1, 9, tzinfo=UTC))
    with freeze_time("2026-03-03 20:00:00+00:00"):  # deadline within 24 hours
        call_command("incidents_escalate")
        call_command("incidents_escalate")
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1
    with freeze_time("2026-03-04 10:00:00+00:00"):  # deadline passed: one new mail, once
        call_command("incidents_escalate")
        call_command("incidents_escalate")
    assert OutboxMessage.objects.count() == 2
    assert len(mail.outbox) == 2
    assert "VERSTREKEN" in mail.outbox[1].body


def test_issue_15_4_an_smtp_failure_does_not_silence_an_escalation():
    """The escalation is marked done only together with its queued mail, so the failed send is
    retried by the outbox and never lost."""
    _handler()
    with freeze_time("2026-03-01 12:00:00+00:00"):
        _breach("I-2026-0001", datetime.datetime(2026, 3, 1, 9, tzinfo=UTC))
    with freeze_time("2026-03-03 20:00:00+00:00"), _smtp_down():
        call_command("incidents_escalate")
        call_command("incidents_escalate")
    assert mail.outbox == []
    assert OutboxMessage.objects.count() == 1
    with freeze_time("2026-03-03 23:00:00+00:00"):
        call_command("incidents_escalate")
    assert len(mail.outbox) == 1
    assert "I-2026-0001" in mail.outbox[0].body


def test_issue_15_4_without_a_handler_address_nothing_is_marked_and_a_later_run_mails():
    with freeze_time("2026-03-01 12:00:00+00:00"):
        _breach("I-2026-0001", datetime.datetime(2026, 3, 1, 9, tzinfo=UTC))
    with freeze_time("2026-03-03 20:00:00+00:00"):
        call_command("incidents_escalate")
    assert not OutboxMessage.objects.exists()
    _handler()
    with freeze_time("2026-03-03 21:00:00+00:00"):
        call_command("incidents_escalate")
    assert len(mail.outbox) == 1


def test_issue_15_4_retry_delay_grows_and_is_capped():
    from outbox.services import retry_delay

    delays = [retry_delay(n).total_seconds() for n in range(1, 10)]
    assert delays[:4] == [60, 120, 240, 480]
    assert max(delays) == 3600
    assert delays == sorted(delays)


def test_issue_15_4_sent_mails_are_removed_after_ninety_days_waiting_ones_never():
    with freeze_time("2026-01-01 12:00:00+00:00"):
        sent = mail_queue(subject="Termijn verstreken: R-2026-0001", body="R-2026-0001", to=["a@x.invalid"])
        outbox_send()
    with freeze_time("2026-01-02 12:00:00+00:00"), _smtp_down():
        waiting = mail_queue(subject="Termijn verstreken: R-2026-0002", body="R-2026-0002", to=["a@x.invalid"])
        outbox_send()
    with freeze_time("2026-04-15 12:00:00+00:00"), _smtp_down():
        assert outbox_send().removed == 1
    assert not OutboxMessage.objects.filter(pk=sent.pk).exists()
    assert OutboxMessage.objects.get(pk=waiting.pk).status == MessageStatus.WACHTEND


def test_issue_15_4_rights_escalation_run_twice_queues_once_without_personal_data():
    from rights.models import RequesterKind, RequestKind
    from rights.services.registration import identity_record, rights_request_register
    from tests.rights.fixtures import subject_file, uitvoerder
    from tests.weegploeg.fixtures import SUBJECT

    user = uitvoerder()
    with freeze_time("2026-01-05 09:00"):
        request = rights_request_register(
            by=user,
            weegploeg_number=subject_file().number,
            kind=RequestKind.INZAGE,
            received_on=datetime.date(2026, 1, 5),
            requester_kind=RequesterKind.BETROKKENE,
            reply_address="Postbus 1, Gennep",
        )
        identity_record(request, established_on=datetime.date(2026, 1, 5), method="balie")
    with freeze_time("2026-02-04 09:00"), _smtp_down():
        call_command("rights_escalate")
    with freeze_time("2026-02-05 09:00"):
        call_command("rights_escalate")
        call_command("rights_escalate")
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1
    text = mail.outbox[0].subject + mail.outbox[0].body
    assert request.number in text
    for value in (SUBJECT["surname"], SUBJECT["given_names"], SUBJECT["address"], "Postbus"):
        assert value not in text
