"""Verify the access log's hash chain: ``OK`` with the row count, or the first broken row and exit 1."""

from django.core.management.base import BaseCommand, CommandError

from accesslog.services import access_log_verify


class Command(BaseCommand):
    help = "Controleert de hashketen van het toegangslog (art. 15.2e)."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=5000, help="Rijen per databasequery.")

    def handle(self, *args, **options):
        report = access_log_verify(chunk_size=max(1, options["chunk_size"]))
        if not report.ok:
            raise CommandError(
                f"Toegangslog BESCHADIGD: eerste verbroken schakel bij rij {report.broken_id} ({report.reason}); "
                f"{report.count} rij(en) daarvóór zijn in orde."
            )
        self.stdout.write(f"OK: {report.count} rij(en) gecontroleerd; de keten is ongeschonden.")
