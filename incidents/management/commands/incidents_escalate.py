"""Escalate breaches whose 72-hour AP deadline is within 24 hours or past (run hourly). Each
breach is mailed once per deadline state (queued in the outbox, then sent; ``outbox_send``
retries what the mail server refused)."""

from django.core.management.base import BaseCommand

from incidents.services import incidents_escalate
from outbox.services import outbox_send


class Command(BaseCommand):
    help = "Meldt datalekken waarvan de 72-uurstermijn voor de Autoriteit Persoonsgegevens bijna of al verstreken is."

    def handle(self, *args, **options):
        urgent = incidents_escalate()
        report = outbox_send()
        for process in urgent:
            self.stdout.write(f"{process.reference}: {process.deadline_state().label}")
        self.stdout.write(f"{len(urgent)} datalek(ken) vragen aandacht.")
        if report.waiting:
            self.stdout.write(f"{report.waiting} e-mail(s) wachten nog op verzending (outbox_send probeert opnieuw).")
