"""``manage.py apply_retention [--dry-run] [--chunk-size N]``: apply the retention rules of art. 13.

Idempotent and safe to interrupt or run twice at once; run it daily (see the README).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from retention.services.run import DEFAULT_CHUNK_SIZE, retention_apply


class Command(BaseCommand):
    help = "Past de bewaartermijnen van art. 13 toe: archiveren, vernietigen, vernietigingslijsten uitvoeren."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon wat gearchiveerd of vernietigd zou worden en waarom, zonder iets te wijzigen.",
        )
        parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, help="Dossiers per transactie.")

    def handle(self, *args, dry_run: bool = False, chunk_size: int = DEFAULT_CHUNK_SIZE, **options):
        if chunk_size < 1:
            self.stderr.write("De chunkgrootte moet minstens 1 zijn.")
            return
        # each file's line is written as the run goes: the run's memory stays flat (issue 18 item 3)
        report = retention_apply(dry_run=dry_run, chunk_size=chunk_size, out=self.stdout.write)
        self.stdout.write(report.summary())
