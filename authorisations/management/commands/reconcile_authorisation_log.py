"""``manage.py reconcile_authorisation_log``: record in the authorisation log every role, party or
superuser right it does not describe (changed by SQL, ``QuerySet.update()`` or a data migration).
Also runs after every ``migrate``. Exit 0; the number of rows written is printed."""

from django.core.management.base import BaseCommand

from authorisations.reconcile import authorisation_log_reconcile


class Command(BaseCommand):
    help = (
        "Vergelijkt het autorisatielog met de rollen, partijen en beheerdersrechten "
        "en legt elk verschil vast (art. 15.2c)."
    )

    def handle(self, *args, **options):
        rows = authorisation_log_reconcile()
        if rows:
            self.stdout.write(
                f"{len(rows)} wijziging(en) zonder logregel gevonden en vastgelegd in het autorisatielog."
            )
        else:
            self.stdout.write("Het autorisatielog beschrijft alle rollen, partijen en beheerdersrechten.")
