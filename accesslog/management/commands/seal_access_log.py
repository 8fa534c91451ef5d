"""Seal the access log's finished rows and write a checkpoint when one is due.

Run by the deploy's systemd timer every ``ACCESS_LOG_SEAL_INTERVAL`` seconds (10 s); safe to run
by hand or concurrently (one sealer at a time, the others wait). See ``accesslog.sealing``.
"""

from django.core.management.base import BaseCommand

from accesslog.sealing import access_log_seal


class Command(BaseCommand):
    help = "Verzegelt de afgeronde regels van het toegangslog en schrijft zo nodig een controlepunt (art. 15.2e)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoint", action="store_true", help="Schrijf nu een controlepunt, ook als de vorige nog recent is."
        )
        parser.add_argument(
            "--full",
            action="store_true",
            help=(
                "Na een herstel of import, vóór de applicatie start: zoek in alle ongezegelde regels, "
                "ook met een transactienummer van een ander (vorig) cluster."
            ),
        )

    def handle(self, *args, **options):
        result = access_log_seal(full=options["full"], force_checkpoint=options["checkpoint"])
        line = f"{result.sealed} regel(s) verzegeld; laatste zegel {result.head_no}."
        if result.checkpoint:
            line += f" Controlepunt geschreven bij zegel {result.checkpoint.seal_no}."
        if options["verbosity"] >= 1:
            self.stdout.write(line)
