"""``manage.py backup``: a timestamped copy of the database with a SHA-256 checksum beside it, in
``BACKUP_DIR``; backups older than ``BACKUP_KEEP_DAYS`` days are removed (README "Back-up en
herstel")."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from operations.services import BackupError, backup_create


class Command(BaseCommand):
    help = "Maakt een back-up van de database met een SHA-256-controlesom (in BACKUP_DIR)."

    def add_arguments(self, parser):
        parser.add_argument("--map", dest="directory", help="Een andere map dan BACKUP_DIR.")

    def handle(self, *args, **options):
        try:
            result = backup_create(options["directory"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up geschreven: {result.path}")
        self.stdout.write(f"SHA-256: {result.sha256} ({result.checksum_path.name})")
        for path in result.removed:
            self.stdout.write(f"Verlopen back-up verwijderd: {path.name}")
