"""``manage.py import_convenant [PATH]``: build or update the public convenant from the signed text."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pages.convenant_text import ConvenantParseError
from pages.services import convenant_import


class Command(BaseCommand):
    help = "Leest de ondertekende convenanttekst in en publiceert het convenant, de bijlagen en de partijenpagina."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(settings.CONVENANT_TEXT_PATH),
            help="Pad naar de tekst (standaard: pages/data/convenant-limburg-2019.txt).",
        )

    def handle(self, *args, path: str, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"Bestand niet gevonden: {source}")
        try:
            result = convenant_import(source)
        except (ConvenantParseError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"De convenanttekst kon niet worden ingelezen: {error}") from error
        if not result.changed:
            self.stdout.write("Convenant is al actueel: niets gewijzigd.")
            return
        self.stdout.write(f"Convenant {result.convenant_status}.")
        if result.home_created:
            self.stdout.write("Startpagina aangemaakt.")
        if result.site_root_changed:
            self.stdout.write("Startpagina is nu de hoofdpagina van de site.")
        for slug in result.pages_created:
            self.stdout.write(f"Pagina aangemaakt: {slug}")
        self.stdout.write(self.style.SUCCESS("Klaar."))
