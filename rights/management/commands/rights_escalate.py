"""``manage.py rights_escalate``: run daily. Marks overdue rights requests (art. 12) and reminds the
uitvoerders of deferred information duties whose re-check date has passed (art. 11.3-5). The
messages name request and file numbers only. They are queued in the outbox once (running twice
queues nothing new) and the outbox is then sent; ``outbox_send`` retries what the mail server
refused."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from outbox.services import outbox_send
from rights.services.deadlines import information_duty_reminders_send, rights_escalate_overdue


class Command(BaseCommand):
    help = "Escaleert verstreken termijnen van verzoeken om inzage of correctie en van uitgestelde informatieplichten."

    def handle(self, *args, **options):
        overdue = rights_escalate_overdue()
        duties = information_duty_reminders_send()
        report = outbox_send()
        if not overdue and not duties:
            self.stdout.write("Geen nieuwe verstreken termijnen.")
        if overdue:
            self.stdout.write(f"Geëscaleerd: {', '.join(r.number for r in overdue)}")
        if duties:
            self.stdout.write(f"Informatieplicht opnieuw te beoordelen: {', '.join(duties)}")
        if report.waiting:
            self.stdout.write(f"{report.waiting} e-mail(s) wachten nog op verzending (outbox_send probeert opnieuw).")
