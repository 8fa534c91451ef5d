"""``manage.py outbox_send``: run every minute. Sends the mails waiting in the outbox; a failed
attempt is recorded and tried again later (issue 15.4)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from outbox.services import outbox_send


class Command(BaseCommand):
    help = "Verstuurt de e-mails die in de uitgaande post wachten; mislukte pogingen worden later herhaald."

    def handle(self, *args, **options):
        report = outbox_send()
        self.stdout.write(f"Verzonden: {report.sent}; mislukt: {report.failed}; nog wachtend: {report.waiting}.")
