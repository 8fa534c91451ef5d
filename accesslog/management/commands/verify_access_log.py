"""Verify the access log: every row's HMAC, the seal chain and the checkpoints file.

``OK`` with the figures, or the first forged, changed or missing row and exit 1. Unsealed rows
older than ``ACCESS_LOG_UNSEALED_WINDOW`` are reported; with ``--strict`` they also exit 2 (for
monitoring: the sealing timer is not running).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accesslog.verification import access_log_verify


class Command(BaseCommand):
    help = "Controleert het toegangslog: de HMAC van elke regel, de zegelketen en de controlepunten (art. 15.2e)."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=5000, help="Rijen per databasequery.")
        parser.add_argument(
            "--strict", action="store_true", help="Ook een fout (code 2) bij ongezegelde regels ouder dan het venster."
        )

    def handle(self, *args, **options):
        report = access_log_verify(chunk_size=max(1, options["chunk_size"]))
        if not report.ok:
            where = f"rij {report.broken_id}" if report.broken_id is not None else f"zegel {report.broken_seal_no}"
            if report.broken_seal_no is None and report.broken_id is None:
                where = "de controlepunten"
            raise CommandError(
                f"Toegangslog BESCHADIGD: eerste verbroken schakel bij {where} ({report.reason}); "
                f"{report.count} rij(en) daarvóór zijn in orde."
            )
        self.stdout.write(
            f"OK: {report.count} rij(en) gecontroleerd; de keten is ongeschonden. "
            f"{report.sealed} gezegeld, {report.unsealed} nog niet gezegeld, "
            f"{report.checkpoints} controlepunt(en) kloppen met de keten."
        )
        if report.legacy:
            self.stdout.write(
                f"{report.legacy} rij(en) stammen van vóór de sleutel: hun HMAC bewijst dat ze sinds de overgang "
                "niet zijn gewijzigd, niet dat ze daarvóór ongeschonden waren (zie README)."
            )
        if report.overdue:
            message = (
                f"LET OP: {report.overdue} ongezegelde rij(en) ouder dan {settings.ACCESS_LOG_UNSEALED_WINDOW} s "
                f"(eerste: rij {report.first_overdue_id}); draait seal_access_log?"
            )
            if options["strict"]:
                raise CommandError(message, returncode=2)
            self.stderr.write(message)
