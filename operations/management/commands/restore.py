"""``manage.py restore FILE``: restore a backup into an empty database, then verify the access log,
carry out again the destructions recorded since the backup, and record the restore in the access
log. Keep the site closed until this command has finished without error."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from operations.services import BackupError, backup_restore


class Command(BaseCommand):
    help = "Herstelt een back-up in een lege database en voert daarna gedane vernietigingen opnieuw uit."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het back-upbestand (met het .sha256-bestand ernaast).")

    def handle(self, *args, **options):
        try:
            report = backup_restore(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Hersteld uit {report.path.name}.")
        if report.checkpoints_set_aside:
            self.stdout.write(
                f"Controlepunten van na de back-up bewaard in {report.checkpoints_set_aside} "
                "(zie README: Back-up en herstel)."
            )
        if report.reapplied:
            self.stdout.write(f"Opnieuw vernietigd (na de back-up vernietigd): {', '.join(report.reapplied)}")
        else:
            self.stdout.write("Geen vernietigingen van na de back-up om opnieuw uit te voeren.")
        self.stdout.write(f"Toegangslog gecontroleerd: {report.log_rows} rij(en), de keten is ongeschonden.")
