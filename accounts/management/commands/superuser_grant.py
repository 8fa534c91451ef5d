"""Grant (or revoke) superuser rights, logged in the authorisation log (art. 15.2c; issue 13 item 5).

    manage.py superuser_grant USERNAME --reden "Technisch beheer, wijziging 2026-14"
    manage.py superuser_grant USERNAME --intrekken --reden "Taak beëindigd"

No screen can do this: the functioneel beheerder's user form has no superuser checkbox.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.services import user_superuser_set


class Command(BaseCommand):
    help = "Kent beheerdersrechten (superuser) toe of trekt ze in; vastgelegd in het autorisatielog."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reden", required=True, help="Waarom (komt in het autorisatielog).")
        parser.add_argument("--intrekken", action="store_true", help="Trek de beheerdersrechten in.")

    def handle(self, *args, username: str, reden: str, intrekken: bool, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Gebruiker ‘{username}’ bestaat niet.")
        try:
            changed = user_superuser_set(user, not intrekken, reason=f"{reden} (manage.py superuser_grant)")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        what = "ingetrokken" if intrekken else "toegekend"
        if changed:
            self.stdout.write(self.style.SUCCESS(f"Beheerdersrechten {what} en vastgelegd in het autorisatielog."))
        else:
            self.stdout.write(f"Niets gewijzigd: de beheerdersrechten waren al {what}.")
