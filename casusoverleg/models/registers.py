"""The registers of the case (art. 10.2f-g, 6, 9.2, 9.5, 10.5): persons from the social network, the
data each party contributed with its legal ground, requests for advice, and disclosures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from casusoverleg.models.file import CasusoverlegFile
from core.fields import FreeTextField


class PersonKind(models.TextChoices):
    ACHTERBLIJVER = "achterblijver", "Achterblijver (art. 10.2f)"
    SOCIAAL_NETWERK = "sociaal_netwerk", "Persoon uit het sociale netwerk (art. 10.2g)"


class CasusPerson(models.Model):
    """An achterblijver or a person from the subject's social network (art. 10.2f-g)."""

    file = models.ForeignKey(CasusoverlegFile, on_delete=models.CASCADE, related_name="persons")
    kind = models.CharField("soort", max_length=20, choices=PersonKind.choices)
    name = models.CharField("naam", max_length=200)
    address = models.CharField("adres en woonplaats", max_length=300)
    relevance = FreeTextField("waarom relevant voor het plan", max_length=2000)
    contributed_by = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name="ingebracht door"
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "betrokken persoon"
        verbose_name_plural = "betrokken personen"
        ordering = ["kind", "added_at", "pk"]

    def __str__(self) -> str:  # never a name
        return f"Persoon {self.pk} ({self.file.number})"


class LegalGround(models.TextChoices):
    """Art. 6 a-e: the legal ground on which each party provides personal data."""

    A = "a", "a. OM: art. 39f lid 1 Wet justitiële en strafvorderlijke gegevens"
    B = "b", "b. Politie: art. 20, 18 lid 2 of 16 lid 1 Wet politiegegevens"
    C = "c", "c. Gemeente: art. 6 lid 1 onder e AVG"
    D = "d", "d. Raad voor de Kinderbescherming: art. 6 lid 1 onder e AVG"
    E = "e", "e. Reclassering Nederland: art. 8 Reclasseringsregeling 1995 jo. art. 6 lid 1 onder e AVG"


class DataContribution(models.Model):
    """A party's contribution of data to the file (art. 9.2) with its legal ground (art. 6)."""

    file = models.ForeignKey(CasusoverlegFile, on_delete=models.CASCADE, related_name="contributions")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name="partij")
    legal_ground = models.CharField("grondslag (art. 6)", max_length=1, choices=LegalGround.choices)
    subject_matter = models.CharField("soort gegevens", max_length=200)
    content = FreeTextField("gegevens", max_length=5000, blank=True)
    contributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    contributed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "ingebrachte gegevens"
        verbose_name_plural = "ingebrachte gegevens"
        ordering = ["contributed_at", "pk"]

    def __str__(self) -> str:
        return f"Inbreng {self.pk} ({self.file.number})"


class AdviceRecipient(models.TextChoices):
    NCTV = "nctv", "Nationaal Coördinator Terrorismebestrijding en Veiligheid (NCTV)"
    DESKUNDIGE = "deskundige", "Andere deskundige op het gebied van radicalisering en extremisme"


class DataKind(models.TextChoices):
    """Kinds of personal data in the file, for advice requests and disclosures (art. 9.5, 10.5)."""

    SUBJECT = "subject", "NAW-gegevens van het subject"
    SIGNALS = "signalen", "Signalen"
    ANALYSIS = "analyse", "Analyse van de signalen"
    PERSONS = "personen", "Achterblijvers en personen uit het sociale netwerk"
    CONTRIBUTIONS = "inbreng", "Door partijen ingebrachte gegevens"


class AdviceRequest(models.Model):
    """A request for advice to the NCTV or another expert (art. 9.5)."""

    file = models.ForeignKey(CasusoverlegFile, on_delete=models.CASCADE, related_name="advice_requests")
    recipient_kind = models.CharField("adviseur", max_length=20, choices=AdviceRecipient.choices)
    recipient_name = models.CharField("naam van de adviseur of organisatie", max_length=200)
    question = FreeTextField("vraag", max_length=5000)
    personal_data_shared = models.BooleanField("persoonsgegevens gedeeld", default=False)
    data_kinds = models.JSONField("soorten gedeelde gegevens", default=list, blank=True)
    sharing_reason = FreeTextField("waarom die gegevens nodig waren", max_length=2000, blank=True)
    requested_on = models.DateField("gevraagd op")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = FreeTextField("antwoord", max_length=5000, blank=True)
    answered_on = models.DateField("antwoord ontvangen op", null=True, blank=True)

    class Meta:
        verbose_name = "adviesaanvraag"
        verbose_name_plural = "adviesaanvragen"
        ordering = ["requested_on", "pk"]

    def __str__(self) -> str:
        return f"Adviesaanvraag {self.pk} ({self.file.number})"

    def data_kind_labels(self) -> list[str]:
        return [DataKind(k).label for k in self.data_kinds if k in DataKind.values]


class Disclosure(models.Model):
    """A disclosure of further personal data to an externe casuspartner (art. 10.5): necessity,
    kinds of data and the consent of the convenant parties, recorded before the data are shown."""

    file = models.ForeignKey(CasusoverlegFile, on_delete=models.CASCADE, related_name="disclosures")
    recipient = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name="externe casuspartner"
    )
    necessity = FreeTextField("noodzaak voor de bijdrage aan het plan", max_length=2000)
    data_kinds = models.JSONField("soorten gegevens", default=list)
    consenting_parties = models.ManyToManyField(
        "parties.Party", related_name="+", verbose_name="convenantspartijen die toestemming gaven"
    )
    consent_note = FreeTextField("vastlegging van de toestemming", max_length=2000)
    disclosed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    disclosed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "verstrekking aan externe casuspartner"
        verbose_name_plural = "verstrekkingenregister"
        ordering = ["disclosed_at", "pk"]

    def __str__(self) -> str:
        return f"Verstrekking {self.pk} ({self.file.number})"

    def data_kind_labels(self) -> list[str]:
        return [DataKind(k).label for k in self.data_kinds if k in DataKind.values]
