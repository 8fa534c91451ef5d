"""Data-subject rights (art. 11.2-5, 12): inzage and correctie requests and the information duty.

A request is registered by the uitvoerder (art. 12.1) with a pseudonymous number ("R-2026-0001")
and runs through ``flows.rights.RightsRequestFlow``: identiteit vaststellen → inzage (art. 12.3-4)
→ besluit over correctie (art. 12.5) → correctie uitvoeren (art. 12.6). The deadlines are computed
from the recorded dates (``RightsRequest.deadline``). Deferred information duties recorded by the
weegploeg (art. 11.4) get periodic re-checks here (``InformationDutyFollowUp``) until the subject
is informed (art. 11.5).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from viewflow.workflow.models import Process
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.fields import FreeTextField
from weegploeg.models import Art41Ground

ANSWER_WEEKS = 4  # art. 12.3, 12.5, 12.6


class RequestKind(models.TextChoices):
    INZAGE = "inzage", "Inzage (art. 12.2-3)"
    CORRECTIE = "correctie", "Correctie (art. 12.5)"
    BEIDE = "beide", "Inzage en correctie"


class RequesterKind(models.TextChoices):
    BETROKKENE = "betrokkene", "De betrokkene zelf"
    VERTEGENWOORDIGER = "vertegenwoordiger", "Een wettelijk vertegenwoordiger"


class RepresentationGround(models.TextChoices):
    """Art. 12.1: when a legal representative makes the request."""

    JONGER_DAN_16 = "jonger_dan_16", "De betrokkene is jonger dan zestien jaar"
    CURATELE = "curatele", "De betrokkene staat onder curatele"
    MENTORSCHAP = "mentorschap", "Voor de betrokkene is een mentorschap ingesteld"


class IdentityMethod(models.TextChoices):
    """Art. 12.3: how the identity was established. Copies of identity documents are never stored."""

    BALIE = "balie", "Aan de balie, met een geldig identiteitsbewijs ingezien (geen kopie bewaard)"
    DIGID = "digid", "Met DigiD"
    VERTEGENWOORDIGING = (
        "vertegenwoordiging",
        "Identiteitsbewijs van de vertegenwoordiger en bewijs van vertegenwoordiging ingezien (geen kopie bewaard)",
    )
    ANDERS = "anders", "Anders (zie toelichting)"


class RequestStatus(models.TextChoices):
    IDENTITEIT = "identiteit", "Wacht op vaststelling van de identiteit"
    INZAGE = "inzage", "Inzage in behandeling"
    CORRECTIE_BESLUIT = "correctie_besluit", "Wacht op besluit over correctie"
    CORRECTIE_UITVOERING = "correctie_uitvoering", "Correctie wordt uitgevoerd"
    AFGEROND = "afgerond", "Afgerond"


class InzageDecision(models.TextChoices):
    VERSTREKT = "verstrekt", "Inzage verstrekt: het overzicht is aan de verzoeker gegeven"
    DEELS_GEWEIGERD = "deels_geweigerd", "Gedeeltelijk geweigerd (art. 12.4): een deel van het overzicht is gegeven"
    GEWEIGERD = "geweigerd", "Geweigerd (art. 12.4)"


class OverviewSection(models.TextChoices):
    """The parts of the inzage overview; a partial refusal withholds one or more of them."""

    SUBJECT = "subject", "Uw persoonsgegevens (naam, adres, geboortedatum, BSN)"
    SIGNALS = "signalen", "De signalen"
    ANALYSIS = "analyse", "De analyse en het besluit van de weegploeg"
    PLAN = "plan", "Het plan van aanpak en de maatregelen"
    CONTRIBUTIONS = "inbreng", "Door partijen ingebrachte gegevens"


class CorrectionDecision(models.TextChoices):
    TOEGEWEZEN = "toegewezen", "Toegewezen: alle gevraagde correcties"
    DEELS = "deels_toegewezen", "Gedeeltelijk toegewezen"
    AFGEWEZEN = "afgewezen", "Afgewezen"


class SubjectField(models.TextChoices):
    """The subject data that can be corrected in both files (art. 8.2a, 10.2a)."""

    GIVEN_NAMES = "given_names", "voornamen"
    SURNAME_PREFIX = "surname_prefix", "tussenvoegsel"
    SURNAME = "surname", "achternaam"
    DATE_OF_BIRTH = "date_of_birth", "geboortedatum"
    ADDRESS = "address", "adres"
    POSTCODE = "postcode", "postcode"
    RESIDENCE = "residence", "woonplaats"
    MUNICIPALITY = "municipality", "woongemeente"
    BSN = "bsn", "BSN"


class RightsRequestProcess(Process):
    """A rights request on its way: identity, inzage, correction decision, correction execution."""

    class Meta:
        proxy = True
        verbose_name = "verzoek inzage of correctie"
        verbose_name_plural = "verzoeken inzage of correctie"
        default_permissions = ("add", "change", "delete", "view", "manage")
        permissions = [
            ("rights_register", "Mag verzoeken om inzage of correctie registreren (art. 12.1)"),
            ("rights_identity", "Mag de identiteit van de verzoeker vastleggen (art. 12.3)"),
            ("rights_inzage", "Mag inzage geven of weigeren (art. 12.3-4)"),
            ("rights_correction_decide", "Mag besluiten over een verzoek om correctie (art. 12.5)"),
            ("rights_correction_execute", "Mag een besloten correctie uitvoeren en partijen inlichten (art. 12.6)"),
            ("rights_deadlines", "Mag het overzicht van wettelijke termijnen zien"),
            ("rights_information_followup", "Mag uitgestelde informatieplichten opnieuw beoordelen (art. 11.3-5)"),
        ]


class RightsRequest(models.Model):
    """A request for inzage and/or correctie (art. 12) about a subject of the weegploeg file."""

    number = models.CharField("verzoeknummer", max_length=20, unique=True)
    kind = models.CharField("soort verzoek", max_length=20, choices=RequestKind.choices)
    received_on = models.DateField("ontvangen op")
    subject = models.ForeignKey(
        "weegploeg.Subject", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="subject"
    )
    weegploeg_number = models.CharField("weegploegdossier", max_length=20)
    requester_kind = models.CharField("verzoeker", max_length=20, choices=RequesterKind.choices)
    representation_ground = models.CharField(
        "grond voor vertegenwoordiging", max_length=20, choices=RepresentationGround.choices, blank=True
    )
    under_curatele = models.BooleanField("betrokkene staat onder curatele", default=False)
    under_mentorschap = models.BooleanField("voor betrokkene is een mentorschap ingesteld", default=False)
    requester_name = models.CharField("naam van de vertegenwoordiger", max_length=200, blank=True)
    reply_address = FreeTextField("adres voor het antwoord", max_length=500)
    status = models.CharField("status", max_length=30, choices=RequestStatus.choices, default=RequestStatus.IDENTITEIT)
    identity_established_on = models.DateField("identiteit vastgesteld op", null=True, blank=True)
    identity_method = models.CharField(
        "wijze van vaststelling", max_length=30, choices=IdentityMethod.choices, blank=True
    )
    identity_note = FreeTextField("toelichting", max_length=1000, blank=True)
    inzage_decision = models.CharField("besluit inzage", max_length=20, choices=InzageDecision.choices, blank=True)
    withheld_sections = models.JSONField("geweigerde onderdelen", default=list, blank=True)
    refusal_ground = models.CharField(
        "weigeringsgrond (art. 41 UAVG)", max_length=1, choices=Art41Ground.choices, blank=True
    )
    refusal_motivation = FreeTextField("motivering van de weigering", max_length=5000, blank=True)
    inzage_answered_on = models.DateField("inzage beantwoord op", null=True, blank=True)
    correction_decision = models.CharField(
        "besluit correctie", max_length=20, choices=CorrectionDecision.choices, blank=True
    )
    correction_motivation = FreeTextField("motivering besluit correctie", max_length=5000, blank=True)
    correction_decided_on = models.DateField("correctie besloten op", null=True, blank=True)
    correction_executed_on = models.DateField("correctie uitgevoerd op", null=True, blank=True)
    escalated_at = models.DateTimeField("geëscaleerd op", null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)
    process = models.OneToOneField(
        "viewflow.Process", on_delete=models.SET_NULL, null=True, blank=True, related_name="rights_request"
    )

    class Meta:
        verbose_name = "verzoek inzage of correctie"
        verbose_name_plural = "verzoeken inzage of correctie"
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:  # never personal data
        return self.number

    @property
    def wants_inzage(self) -> bool:
        return self.kind in (RequestKind.INZAGE, RequestKind.BEIDE)

    @property
    def wants_correctie(self) -> bool:
        return self.kind in (RequestKind.CORRECTIE, RequestKind.BEIDE)

    @property
    def inzage_due(self) -> datetime.date | None:
        """Art. 12.3: four weeks, counted from the day the identity was established."""
        if not self.wants_inzage or self.identity_established_on is None:
            return None
        return self.identity_established_on + datetime.timedelta(weeks=ANSWER_WEEKS)

    @property
    def correction_decision_due(self) -> datetime.date | None:
        """Art. 12.5: a decision within four weeks of receipt."""
        if not self.wants_correctie:
            return None
        return self.received_on + datetime.timedelta(weeks=ANSWER_WEEKS)

    @property
    def correction_execution_due(self) -> datetime.date | None:
        """Art. 12.6: carried out within four weeks of the decision."""
        if self.correction_decided_on is None or self.correction_decision == CorrectionDecision.AFGEWEZEN:
            return None
        return self.correction_decided_on + datetime.timedelta(weeks=ANSWER_WEEKS)

    def open_deadlines(self) -> list[tuple[str, datetime.date]]:
        """The legal deadlines still running, as (what, due date)."""
        rows = []
        if self.status == RequestStatus.INZAGE and self.inzage_due:
            rows.append(("Inzage beantwoorden (art. 12.3)", self.inzage_due))
        if self.wants_correctie and self.status != RequestStatus.AFGEROND and self.correction_decided_on is None:
            rows.append(("Besluit over correctie (art. 12.5)", self.correction_decision_due))
        if self.status == RequestStatus.CORRECTIE_UITVOERING and self.correction_execution_due:
            rows.append(("Correctie uitvoeren (art. 12.6)", self.correction_execution_due))
        return rows

    def next_deadline(self) -> tuple[str, datetime.date] | None:
        rows = self.open_deadlines()
        return min(rows, key=lambda r: r[1]) if rows else None


class CorrectionItem(models.Model):
    """One correction the requester asks for, with the reason (art. 12.5) and the decision on it."""

    request = models.ForeignKey(RightsRequest, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(
        "gegeven",
        max_length=20,
        # issue 19.5: besides the subject's data, an answer to an intake question (by its stable id)
        choices=[*SubjectField.choices, ("intake_answer", "antwoord op een aanvullende vraag")],
    )
    question_id = models.CharField("vraag (kenmerk)", max_length=36, blank=True)
    question_label = models.CharField("vraag zoals beantwoord", max_length=500, blank=True)
    new_value = models.CharField("gewenste waarde", max_length=2000, blank=True)
    reason = FreeTextField("reden", max_length=2000)
    accepted = models.BooleanField("toegewezen", null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Correctie {self.pk} ({self.request.number}): {self.get_field_display()}"

    @property
    def label(self) -> str:
        """What is corrected, in words: the subject field, or the intake question as answered."""
        if self.question_id:
            return f"antwoord op de vraag “{self.question_label}”"
        return self.get_field_display()


class CorrectionNotice(models.Model):
    """Art. 12.6: the notice to a party that data were corrected; lists what changed, never old values."""

    request = models.ForeignKey(RightsRequest, on_delete=models.CASCADE, related_name="notices")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name="partij")
    file_numbers = models.JSONField("dossiers", default=list)
    changed_fields = models.JSONField("gewijzigde gegevens", default=list)
    recipients = models.PositiveIntegerField("aantal ontvangers", default=0)
    sent_at = models.DateTimeField("verzonden op", default=timezone.now)

    class Meta:
        ordering = ["party__name", "pk"]

    def __str__(self) -> str:
        return f"Kennisgeving {self.pk} ({self.request.number})"


class InformationDutyFollowUp(models.Model):
    """Art. 11.3-5: the periodic re-check of a deferred information duty, until the subject is informed."""

    duty = models.OneToOneField(
        "weegploeg.InformationDuty", on_delete=models.CASCADE, related_name="follow_up", verbose_name="informatieplicht"
    )
    interval_months = models.PositiveSmallIntegerField("opnieuw beoordelen elke … maanden", default=3)
    next_check_on = models.DateField("volgende beoordeling op", null=True, blank=True)
    informed_on = models.DateField("betrokkene geïnformeerd op", null=True, blank=True)
    informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = "opvolging informatieplicht"
        verbose_name_plural = "opvolging informatieplicht"

    def __str__(self) -> str:
        return f"Opvolging {self.duty}"


class FollowUpCheck(models.Model):
    """One re-check: the ground still applies (with the next date) or no longer (inform now)."""

    follow_up = models.ForeignKey(InformationDutyFollowUp, on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField("beoordeeld op")
    ground_remains = models.BooleanField("grond bestaat nog")
    ground = models.CharField("grond (art. 41 UAVG)", max_length=1, choices=Art41Ground.choices, blank=True)
    note = FreeTextField("aantekening", max_length=5000)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["checked_on", "pk"]

    def __str__(self) -> str:
        return f"Beoordeling {self.pk}"


class DeferredFileKind(models.TextChoices):
    WEEGPLOEG = "weegploeg", "het dossier van de weegploeg"
    CASUSOVERLEG = "casusoverleg", "het dossier van het casusoverleg"


class DeferredItemKind(models.TextChoices):
    """Art. 11.4, 12.4: the kinds of data in the overview that a deferred information duty may cover."""

    SIGNALS = "signalen", "Signalen"
    SUPPLIED = "aanvullend", "Aanvullende informatie van een partij"
    ANALYSIS = "analyse", "Analyse"
    DECISION = "besluit", "Besluit van de weegploeg"
    PLAN = "plan", "Plan van aanpak, maatregelen en voortgang"
    CONTRIBUTIONS = "inbreng", "Door een partij ingebrachte gegevens"


class DeferredItemAssessment(models.Model):
    """Art. 11.4, 12.4: while the information duty is deferred, the uitvoerder judges per item of the
    overview (a file, a kind of data and, where it is one party's information, that party) whether the
    art. 41 UAVG ground still applies, after consulting the party concerned. Items that stay covered
    are left out of the overview and named (by kind) in the reasoned refusal."""

    request = models.ForeignKey(RightsRequest, on_delete=models.CASCADE, related_name="deferral_assessments")
    file_kind = models.CharField("soort dossier", max_length=20, choices=DeferredFileKind.choices)
    file_number = models.CharField("dossier", max_length=20)
    kind = models.CharField("soort gegevens", max_length=20, choices=DeferredItemKind.choices)
    party = models.ForeignKey(
        "parties.Party",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="partij van wie de gegevens zijn",
    )
    consulted_party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name="geraadpleegde partij"
    )
    consulted_on = models.DateField("geraadpleegd op")
    still_applies = models.BooleanField("grond bestaat nog")
    ground = models.CharField("grond (art. 41 UAVG)", max_length=1, choices=Art41Ground.choices, blank=True)
    reasoning = FreeTextField("motivering", max_length=5000)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "beoordeling uitgestelde informatieplicht bij inzage"
        verbose_name_plural = "beoordelingen uitgestelde informatieplicht bij inzage"
        ordering = ["file_number", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "file_number", "kind", "party"],
                condition=models.Q(party__isnull=False),
                name="rights_deferral_one_per_party_item",
            ),
            models.UniqueConstraint(
                fields=["request", "file_number", "kind"],
                condition=models.Q(party__isnull=True),
                name="rights_deferral_one_per_item",
            ),
        ]

    def __str__(self) -> str:  # never personal data
        return f"Beoordeling {self.file_number} {self.kind} ({self.request.number})"


class RightsPage(Page):
    """Public page 'Uw rechten' (/uw-rechten/): how a person or their representative asks the uitvoerder
    for inzage or correctie (art. 12) and how the information duty works (art. 11.2-5)."""

    intro = RichTextField("inleiding", blank=True, features=["bold", "italic", "link", "ul", "ol"])
    contact = RichTextField(
        "contact met de uitvoerder",
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="Postadres of balie waar een verzoek kan worden ingediend.",
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("contact")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("contact")]

    class Meta:
        verbose_name = "pagina uw rechten"
