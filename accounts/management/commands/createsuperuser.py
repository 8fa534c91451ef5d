"""``createsuperuser`` is replaced (issue 13 item 5, art. 15.2c): Django's own command creates a
superuser without a party and without a row in the authorisation log. Superusers are made with
the logged commands instead: ``create_beheerder`` (a user with a party and an activation link)
and then ``superuser_grant`` (the grant, with a reason, in the authorisation log)."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Niet beschikbaar: gebruik create_beheerder en daarna superuser_grant (vastgelegd in het autorisatielog)."

    def add_arguments(self, parser):
        parser.add_argument("args", nargs="*")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument("--database")

    def handle(self, *args, **options):
        raise CommandError(
            "createsuperuser is uitgeschakeld: beheerdersrechten worden altijd vastgelegd in het autorisatielog. "
            "Maak de gebruiker met ‘manage.py create_beheerder’ en ken de rechten toe met "
            '‘manage.py superuser_grant GEBRUIKERSNAAM --reden "…"’.'
        )
