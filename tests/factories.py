"""factory_boy factories shared by every test package."""

from __future__ import annotations

import factory
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_roles_set
from parties.models import Party, PartyKind, PartyRole

PASSWORD = "Correct-paard-batterij-42"


def party(name: str) -> Party:
    """A party of the convenant by its exact name (the data migration creates them)."""
    return Party.objects.get(name=name)


class PartyFactory(factory.django.DjangoModelFactory):
    """An extra party; by default an externe casuspartner (bijlage 1)."""

    class Meta:
        model = Party

    name = factory.Sequence(lambda n: f"Stichting Testpartner {n}")
    slug = factory.Sequence(lambda n: f"testpartner-{n}")
    kind = PartyKind.EXTERNE_CASUSPARTNER
    role = PartyRole.EXTERNE_CASUSPARTNER


class UserFactory(factory.django.DjangoModelFactory):
    """A user of a party, with roles, password ``PASSWORD`` and (trait ``with_totp``) an app.

    ``UserFactory(roles=[Role.MELDER], party=party("De politie"))``
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    party = factory.LazyFunction(lambda: Party.objects.get(name="De gemeente Maastricht"))
    # Hashed before the insert (factory_boy's Password): one save per user, not a second one for the hash.
    password = factory.django.Password(PASSWORD)

    class Params:
        with_totp = factory.Trait(
            totp=factory.RelatedFactory("tests.factories.TOTPDeviceFactory", factory_related_name="user")
        )

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            user_roles_set(self, [Role(r) for r in extracted])


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    name = "Authenticator-app"
    confirmed = True


class StaticDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaticDevice
        skip_postgeneration_save = True  # the codes are rows of their own: nothing to save again

    name = "Reservecodes"
    confirmed = True

    @factory.post_generation
    def codes(self, create, extracted, **kwargs):
        for code in extracted or []:
            StaticToken.objects.create(device=self, token=code)
