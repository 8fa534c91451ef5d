"""``manage.py casus_accuracy_reviews``: start the periodic check of every open casusoverleg file
that has none yet (art. 10.3). Idempotent; run it daily (see the README)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from flows.casus_review import casus_accuracy_reviews_start


class Command(BaseCommand):
    help = "Start de periodieke controle op juistheid voor elke open casus zonder controle (art. 10.3)."

    def handle(self, *args, **options):
        started = casus_accuracy_reviews_start()
        self.stdout.write(f"Controle op juistheid gestart voor {len(started)} casus(sen).")
