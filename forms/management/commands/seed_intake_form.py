"""``manage.py seed_intake_form``: a starter list of extra intake questions (idempotent)."""

from django.core.management.base import BaseCommand

from forms.services import intake_form_seed


class Command(BaseCommand):
    help = "Maakt de vragenlijst van het meldformulier aan (eenmalig) en publiceert die."

    def add_arguments(self, parser):
        parser.add_argument("--concept", action="store_true", help="Alleen als concept opslaan, niet publiceren.")

    def handle(self, *args, **options):
        page = intake_form_seed(publish=not options["concept"])
        if page is None:
            self.stderr.write("Er is nog geen startpagina; draai eerst `manage.py import_convenant`.")
            return
        self.stdout.write(f"Vragenlijst meldformulier: pagina {page.pk}.")
