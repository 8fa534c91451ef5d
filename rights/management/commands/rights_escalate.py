"""``manage.py rights_escalate``: mark overdue rights requests and tell the uitvoerders (run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from rights.services import rights_escalate_overdue


class Command(BaseCommand):
    help = "Escaleert verzoeken om inzage of correctie waarvan de wettelijke termijn is verstreken."

    def handle(self, *args, **options):
        overdue = rights_escalate_overdue()
        if not overdue:
            self.stdout.write("Geen verstreken termijnen.")
            return
        self.stdout.write(f"Geëscaleerd: {', '.join(r.number for r in overdue)}")
