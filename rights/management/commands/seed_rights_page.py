"""``manage.py seed_rights_page``: create the public page 'Uw rechten' at /uw-rechten/ (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from rights.services.page import rights_page_ensure


class Command(BaseCommand):
    help = "Maakt de publieke pagina ‘Uw rechten’ (/uw-rechten/) aan als die nog niet bestaat."

    def handle(self, *args, **options):
        try:
            page, created = rights_page_ensure()
        except LookupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Pagina ‘{page.title}’ {'aangemaakt' if created else 'bestaat al'}: {page.url or '/uw-rechten/'}"
        )
