"""Escalate breaches whose 72-hour AP deadline is within 24 hours or past (run hourly)."""

from django.core.management.base import BaseCommand

from incidents.services import incidents_escalate


class Command(BaseCommand):
    help = "Meldt datalekken waarvan de 72-uurstermijn voor de Autoriteit Persoonsgegevens bijna of al verstreken is."

    def handle(self, *args, **options):
        urgent = incidents_escalate()
        for process in urgent:
            self.stdout.write(f"{process.reference}: {process.deadline_state().label}")
        self.stdout.write(f"{len(urgent)} datalek(ken) vragen aandacht.")
