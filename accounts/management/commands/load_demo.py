from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Laadt de partijen en één demogebruiker per rol (alleen dev/test; idempotent)."

    def handle(self, *args, **options):
        try:
            users = demo_load()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Demogebruikers (wachtwoord voor allemaal: {DEMO_PASSWORD})"))
        for user in users:
            self.stdout.write(f"  {user.username:<12} {user.role.label:<24} {user.party}")
        self.stdout.write("")
        self.stdout.write(
            "Tweede stap (code): voeg een geheim toe aan een authenticator-app, of vraag de huidige code op met"
        )
        self.stdout.write("  make code USER=<gebruikersnaam>")
        self.stdout.write("Geheimen (otpauth):")
        for user in users:
            self.stdout.write(f"  {user.username:<12} {user.otpauth_uri}")
