"""Create a functioneel beheerder and print a one-time enrolment link (deploy/README.md).

    manage.py create_beheerder USERNAME --email E --partij "De gemeente Heerlen"
    manage.py create_beheerder USERNAME --nieuwe-link     # a fresh link, while no password is set

No password is ever given on the command line; the link expires after three days.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.enrolment import beheerder_create, enrolment_link_create
from accounts.models import User


class Command(BaseCommand):
    help = "Maakt een functioneel beheerder aan en toont een eenmalige activeringslink (geen wachtwoord)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="E-mailadres van de beheerder.")
        parser.add_argument("--partij", default="", help="Naam van de kernpartij, zoals in het convenant.")
        parser.add_argument(
            "--nieuwe-link", action="store_true", help="Alleen een nieuwe link voor een bestaande gebruiker."
        )
        parser.add_argument("--basis-url", default=None, help="Adres van de site (standaard WAGTAILADMIN_BASE_URL).")

    def handle(self, *args, username: str, **options):
        try:
            if options["nieuwe_link"]:
                user = User.objects.filter(username=username).first()
                if user is None:
                    raise CommandError(f"Gebruiker ‘{username}’ bestaat niet.")
            else:
                if not options["email"] or not options["partij"]:
                    raise CommandError("Geef --email en --partij op.")
                user = beheerder_create(username=username, email=options["email"], party_name=options["partij"])
            link = enrolment_link_create(user, options["basis_url"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write("Eenmalige activeringslink (drie dagen geldig; geef hem alleen aan de beheerder zelf):")
        self.stdout.write(link)
