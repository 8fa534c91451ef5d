"""The case itself: the file, its subject and signals (the copy of art. 8.5), the participants, the
plan with its measures, the progress reviews and the closure (art. 9, 10.2a-e, 10.2h)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from viewflow.workflow.models import Process

from core.fields import FreeTextField
from core.subject import SubjectData

DEFAULT_REVIEW_INTERVAL_MONTHS = 3


class CasusStatus(models.TextChoices):
    GEAGENDEERD = "geagendeerd", "Geagendeerd, plan van aanpak nog vast te stellen"
    IN_UITVOERING = "in_uitvoering", "Plan vastgesteld, in uitvoering"
    AFSLUITING_GEADVISEERD = "afsluiting_geadviseerd", "Afsluiting geadviseerd aan de kernpartijen"
    AFGESLOTEN = "afgesloten", "Afgesloten"


class CasusoverlegProcess(Process):
    """The casusoverleg of one agendered subject: plan, monitoring, advice to close, closure (art. 9)."""

    class Meta:
        proxy = True
        verbose_name = "casusoverlegproces"
        verbose_name_plural = "casusoverlegprocessen"
        default_permissions = ("add", "change", "delete", "view", "manage")
        permissions = [
            ("casusoverleg_adopt_plan", "Mag het integraal plan van aanpak vaststellen (art. 9.3)"),
            ("casusoverleg_review", "Mag de voortgang van het plan bespreken en afsluiting adviseren (art. 9.4)"),
            ("casusoverleg_decide_closure", "Mag als kernpartij besluiten tot afsluiting van het plan (art. 9.4)"),
        ]


class CasusoverlegFile(models.Model):
    """One subject agendered in a casusoverleg."""

    number = models.CharField("dossiernummer", max_length=20, unique=True)
    status = models.CharField("status", max_length=30, choices=CasusStatus.choices, default=CasusStatus.GEAGENDEERD)
    source_weegploeg_number = models.CharField("afkomstig uit weegploegdossier", max_length=20, db_index=True)
    involved_parties = models.ManyToManyField(
        "parties.Party", blank=True, related_name="+", verbose_name="betrokken casuspartijen en externe partners"
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField("geopend op", default=timezone.now)
    # art. 10.2d: the weegploeg's analysis, copied in at agendering (text, so it stays readable).
    analysis = FreeTextField("analyse van de signalen (art. 10.2d)", blank=True, max_length=20000)
    review_interval_months = models.PositiveSmallIntegerField(
        "voortgangsbespreking elke … maanden", default=DEFAULT_REVIEW_INTERVAL_MONTHS
    )
    next_review_on = models.DateField("volgende voortgangsbespreking", null=True, blank=True)
    last_processed_at = models.DateTimeField("laatst verwerkt op", default=timezone.now, db_index=True)
    # art. 13.2: archived (read-only, out of every work list and search); set by retention only.
    archived_at = models.DateTimeField("gearchiveerd op", null=True, blank=True, db_index=True)
    # art. 9.4, 10.2h: the kernpartijen's decision that the plan is closed; retention counts from it.
    closed_on = models.DateField("plan afgesloten op", null=True, blank=True)
    closure_note = FreeTextField("motivering afsluiting", blank=True, max_length=5000)
    process = models.OneToOneField(
        "viewflow.Process", on_delete=models.SET_NULL, null=True, blank=True, related_name="casusoverleg_file"
    )

    class Meta:
        verbose_name = "casusoverlegdossier"
        verbose_name_plural = "casusoverlegdossiers"
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return self.number


class CasusSubject(SubjectData):
    """The copied NAW data of the subject (art. 10.2)."""

    file = models.OneToOneField(CasusoverlegFile, on_delete=models.CASCADE, related_name="subject")

    def __str__(self) -> str:
        return f"Subject van {self.file.number}"


class CasusSignal(models.Model):
    """A copied signal (art. 9.2, 10.2b-c).

    Art. 10.2c: the casusoverleg file holds the *party* that brought the signal in, with its name
    and functional contact details as they were when the file was opened -- never the melder's name
    or phone number, which stay in the weegploeg file only (art. 8.2c)."""

    file = models.ForeignKey(CasusoverlegFile, on_delete=models.CASCADE, related_name="signals")
    observation = FreeTextField("omschrijving van het signaal", max_length=5000)
    observed_on = models.DateField("datum waarneming")
    bringing_party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name="ingebracht door"
    )
    party_name = models.CharField("naam partij (art. 10.2c)", max_length=200, blank=True)
    party_contact = models.CharField("functionele contactgegevens partij (art. 10.2c)", max_length=300, blank=True)

    class Meta:
        ordering = ["observed_on", "pk"]

    def __str__(self) -> str:
        return f"Signaal {self.pk} ({self.file.number})"


class ParticipantSource(models.TextChoices):
    WEEGPLOEG = "weegploeg", "Gekozen door de weegploeg (art. 7.3)"
    SIGNAAL = "signaal", "Kernpartij die het signaal inbracht (art. 7.2)"
    WOONGEMEENTE = "woongemeente", "Woongemeente van het subject"
    CASUSOVERLEG = "casusoverleg", "Later toegevoegd door het casusoverleg (art. 9.1)"


class CasusParticipant(models.Model):
    """A party or externe casuspartner that takes part in this casusoverleg (art. 9.1)."""

    file = models.ForeignKey(CasusoverlegFile, on_delete=models.CASCADE, related_name="participants")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name="partij")
    source = models.CharField("herkomst", max_length=20, choices=ParticipantSource.choices)
    reason = FreeTextField("reden van deelname", max_length=2000)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField("toegevoegd op", default=timezone.now)

    class Meta:
        verbose_name = "deelnemer"
        verbose_name_plural = "deelnemers"
        ordering = ["added_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["file", "party"], name="casusoverleg_participant_unique")]

    def __str__(self) -> str:
        return f"{self.party} in {self.file.number}"


class Art3Goal(models.TextChoices):
    """Art. 3 a-f: what the plan is aimed at."""

    A = "a", "a. het bevorderen van deradicalisering"
    B = "b", "b. het stimuleren van gedragsverandering"
    C = "c", "c. het beperken van veiligheidsrisico’s"
    D = "d", "d. het voorkomen van uitreizen naar een strijdgebied"
    E = "e", "e. het bieden van zorg aan subjecten"
    F = "f", "f. het bieden van hulp aan achterblijvers"


class MeasureStatus(models.TextChoices):
    GEPLAND = "gepland", "Gepland"
    IN_UITVOERING = "in_uitvoering", "In uitvoering"
    GEREED = "gereed", "Gereed"
    GESTOPT = "gestopt", "Gestopt"


OPEN_MEASURE_STATUSES = (MeasureStatus.GEPLAND, MeasureStatus.IN_UITVOERING)


class PlanVersion(models.Model):
    """A version of the integraal plan van aanpak (art. 1e, 9.3). A draft has no ``adopted_at``;
    an adopted version is never changed again (only its measures' status moves with monitoring)."""

    file = models.ForeignKey(CasusoverlegFile, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField("versie", null=True, blank=True)
    aim = FreeTextField("doel van het plan", max_length=5000, blank=True)
    adopted_on = models.DateField("vastgesteld in het casusoverleg van", null=True, blank=True)
    adopted_at = models.DateTimeField("vastgelegd op", null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    present_parties = models.ManyToManyField(
        "parties.Party", blank=True, related_name="+", verbose_name="aanwezige partijen"
    )
    superseded_at = models.DateTimeField("vervangen door een nieuwe versie op", null=True, blank=True)
    change_note = FreeTextField("wat is er gewijzigd", max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "integraal plan van aanpak"
        verbose_name_plural = "integrale plannen van aanpak"
        ordering = ["file", "number"]
        constraints = [
            models.UniqueConstraint(fields=["file", "number"], name="casusoverleg_plan_version_unique"),
            models.UniqueConstraint(
                fields=["file"], condition=models.Q(adopted_at__isnull=True), name="casusoverleg_one_draft"
            ),
        ]

    def __str__(self) -> str:
        return f"Plan {self.file.number} v{self.number or 'concept'}"

    @property
    def is_draft(self) -> bool:
        return self.adopted_at is None


class PlanMeasure(models.Model):
    """A measure of the plan: the action a party takes (art. 10.2e) for a goal of art. 3."""

    plan = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="measures")
    description = FreeTextField("maatregel", max_length=2000)
    goal = models.CharField("doel (art. 3)", max_length=1, choices=Art3Goal.choices)
    responsible_party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name="verantwoordelijke partij"
    )
    due_on = models.DateField("uiterlijk gereed op")
    status = models.CharField("status", max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.GEPLAND)

    class Meta:
        verbose_name = "maatregel"
        verbose_name_plural = "maatregelen"
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Maatregel {self.pk} ({self.plan})"


class ReviewOutcome(models.TextChoices):
    VOORTZETTEN = "voortzetten", "Plan voortzetten"
    # Art. 9.4: the casusoverleg advises the kernpartijen, who decide on closure.
    AFSLUITING_ADVISEREN = "afsluiting_adviseren", "Het casusoverleg adviseert de kernpartijen het plan af te sluiten"


class ProgressReview(models.Model):
    """A periodic progress review of the plan in the casusoverleg (art. 9.4)."""

    file = models.ForeignKey(CasusoverlegFile, on_delete=models.CASCADE, related_name="reviews")
    plan = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField("besproken op")
    summary = FreeTextField("verslag van de voortgang", max_length=5000)
    outcome = models.CharField("uitkomst", max_length=30, choices=ReviewOutcome.choices)
    closure_reason = FreeTextField("reden voor het advies tot afsluiting", max_length=5000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "voortgangsbespreking"
        verbose_name_plural = "voortgangsbesprekingen"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"Voortgang {self.pk} ({self.file.number})"


class MeasureProgress(models.Model):
    """Progress of one measure as recorded in a review."""

    review = models.ForeignKey(ProgressReview, on_delete=models.CASCADE, related_name="items")
    measure = models.ForeignKey(PlanMeasure, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField("status", max_length=20, choices=MeasureStatus.choices)
    note = FreeTextField("toelichting", max_length=2000, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.get_status_display()}"


class ClosureOutcome(models.TextChoices):
    AFSLUITEN = "afsluiten", "Het plan van aanpak afsluiten"
    VOORTZETTEN = "voortzetten", "Niet afsluiten: het plan loopt door"


class ClosureDecision(models.Model):
    """The kernpartijen's decision on the casusoverleg's advice to close (art. 9.4, 8.2f, 10.2h)."""

    file = models.ForeignKey(CasusoverlegFile, on_delete=models.CASCADE, related_name="closure_decisions")
    advice = models.ForeignKey(ProgressReview, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField("besluit", max_length=20, choices=ClosureOutcome.choices)
    decided_on = models.DateField("besloten op")
    motivation = FreeTextField("motivering", max_length=5000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name="kernpartij")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "besluit over afsluiting"
        verbose_name_plural = "besluiten over afsluiting"
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"Besluit afsluiting {self.file.number}"
