"""The party registry (Partijen, art. 2 and art. 18).

The public pages and the access rules both read this one registry: who is a party, of which
kind, with which role in the convenant, and from when until when it takes part.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone


class PartyKind(models.TextChoices):
    GEMEENTE = "gemeente", "Gemeente"
    OPENBAAR_MINISTERIE = "openbaar_ministerie", "Openbaar Ministerie"
    POLITIE = "politie", "Politie"
    RAAD_KINDERBESCHERMING = "raad_kinderbescherming", "Raad voor de Kinderbescherming"
    RECLASSERING = "reclassering", "Reclassering"
    EXTERNE_CASUSPARTNER = "externe_casuspartner", "Externe casuspartner"


class PartyRole(models.TextChoices):
    KERNPARTIJ = "kernpartij", "Kernpartij"
    CASUSPARTIJ = "casuspartij", "Casuspartij"
    EXTERNE_CASUSPARTNER = "externe_casuspartner", "Externe casuspartner"


# Art. 2 and the Partijen section: which role each kind has in the convenant.
ROLE_FOR_KIND: dict[str, str] = {
    PartyKind.GEMEENTE: PartyRole.KERNPARTIJ,
    PartyKind.OPENBAAR_MINISTERIE: PartyRole.KERNPARTIJ,
    PartyKind.POLITIE: PartyRole.KERNPARTIJ,
    PartyKind.RAAD_KINDERBESCHERMING: PartyRole.CASUSPARTIJ,
    PartyKind.RECLASSERING: PartyRole.CASUSPARTIJ,
    PartyKind.EXTERNE_CASUSPARTNER: PartyRole.EXTERNE_CASUSPARTNER,
}

# Art. 18.1: the convenant took effect on 1 March 2019.
CONVENANT_IN_FORCE = datetime.date(2019, 3, 1)
# Art. 18.2: a party may leave with three months' notice.
NOTICE_PERIOD_MONTHS = 3


class PartyQuerySet(models.QuerySet):
    def participating(self, on: datetime.date | None = None) -> PartyQuerySet:
        on = on or timezone.localdate()
        return self.filter(joined_on__lte=on).filter(
            models.Q(participation_ends_on__isnull=True) | models.Q(participation_ends_on__gt=on)
        )


class Party(models.Model):
    """A party to the convenant, or an externe casuspartner listed in bijlage 1."""

    name = models.CharField("naam", max_length=200, unique=True, help_text="Precies zoals in het convenant.")
    slug = models.SlugField("code", max_length=100, unique=True)
    kind = models.CharField("soort", max_length=40, choices=PartyKind.choices)
    role = models.CharField("rol in het convenant", max_length=40, choices=PartyRole.choices)
    joined_on = models.DateField("deelname sinds", default=CONVENANT_IN_FORCE)
    notice_given_on = models.DateField("opgezegd op", null=True, blank=True)
    participation_ends_on = models.DateField(
        "deelname eindigt op",
        null=True,
        blank=True,
        help_text="Opzegdatum plus drie maanden (art. 18.2). Vanaf deze dag hebben gebruikers geen toegang meer.",
    )
    representative = models.CharField("vertegenwoordigd door", max_length=200, blank=True)
    # Art. 10.2c: the contact details of the party itself that the casusoverleg file shows with a
    # signal (a team mailbox or switchboard number), not a person's name.
    functional_contact = models.CharField(
        "functionele contactgegevens",
        max_length=300,
        blank=True,
        help_text="Functioneel e-mailadres of telefoonnummer van de partij (geen persoonsnaam). "
        "Staat bij signalen in het casusoverlegdossier (art. 10.2c).",
    )
    signed_on = models.DateField("ondertekend op", null=True, blank=True)
    secrecy_note = models.CharField(
        "geheimhouding",
        max_length=200,
        default="De geheimhoudingsplicht (art. 14) blijft ook na opzegging van kracht (art. 18.2).",
        editable=False,
    )

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = "partij"
        verbose_name_plural = "partijen"
        ordering = ["role", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_kernpartij(self) -> bool:
        return self.role == PartyRole.KERNPARTIJ

    def is_participating(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        if self.joined_on > on:
            return False
        return self.participation_ends_on is None or on < self.participation_ends_on
