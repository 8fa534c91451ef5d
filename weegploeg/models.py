"""The weegploeg file (art. 8): separate from the casusoverleg file (art. 8.1, art. 10).

It holds the subject's NAW data (8.2a), the signals (8.2b) with the melder and their contact
details (8.2c), the analysis against the referentiekader (8.2d), the decision to agenda or not
(8.2e) and, later, the decision that the plan is closed (8.2f). Only users of kernpartijen with
the weegploeglid or uitvoerder role see it (art. 8.4), through ``weegploeg.selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.fields import BSNField, FreeTextField, NameField
from core.subject import SubjectData


class FileNumberCounter(models.Model):
    """The last number handed out per prefix and year ("W-2026-0001"), locked on use."""

    prefix = models.CharField(max_length=4)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="weegploeg_counter_unique")]


class FileStatus(models.TextChoices):
    IN_ANALYSE = "in_analyse", "Ontvangen, in analyse"
    MEER_INFORMATIE = "meer_informatie", "Meer informatie nodig"
    BESLUIT = "besluit", "Wacht op besluit"
    INFORMATIEPLICHT = "informatieplicht", "Informatieplicht"
    GEAGENDEERD = "geagendeerd", "Geagendeerd voor casusoverleg"
    NIET_GEAGENDEERD = "niet_geagendeerd", "Niet geagendeerd"


# What the melder may see of a status (never the analysis): "received" and the outcome.
MELDER_STATUS = {
    FileStatus.GEAGENDEERD: "Geagendeerd voor casusoverleg",
    FileStatus.NIET_GEAGENDEERD: "Niet geagendeerd (onvoldoende substantieel)",
}
MELDER_STATUS_PENDING = "Ontvangen, in behandeling bij de weegploeg"
# Issue 14.6: until the weegploeg decides, the melder may add information to their own signal.
OPEN_FOR_MELDER = (FileStatus.IN_ANALYSE, FileStatus.MEER_INFORMATIE, FileStatus.BESLUIT)


class Subject(SubjectData):
    """The person the signals are about (art. 1i), the NAW data of art. 8.2a."""

    bsn = BSNField("BSN", blank=True, db_index=True)  # known-subject matching (art. 8)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "subject"
        verbose_name_plural = "subjecten"
        indexes = [models.Index(fields=["surname", "date_of_birth"], name="weegploeg_subject_name_dob")]

    def __str__(self) -> str:  # never a name: str() ends up in logs and admin messages
        return f"Subject {self.pk}"


class WeegploegFile(models.Model):
    """One weegploeg file: a subject with the signals brought in, their analysis and decision."""

    number = models.CharField("dossiernummer", max_length=20, unique=True)
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="files", verbose_name="subject")
    status = models.CharField("status", max_length=30, choices=FileStatus.choices, default=FileStatus.IN_ANALYSE)
    created_at = models.DateTimeField("aangemaakt op", default=timezone.now)
    last_processed_at = models.DateTimeField("laatst verwerkt op", default=timezone.now, db_index=True)
    # art. 13.2: archived (read-only, out of every work list and search); set by retention only.
    archived_at = models.DateTimeField("gearchiveerd op", null=True, blank=True, db_index=True)
    next_review_on = models.DateField("volgende controle op juistheid", null=True, blank=True)
    # art. 8.5: the casusoverleg file the relevant data were copied to (recorded by the casusoverleg
    # part when it opens the file: the weegploeg file does not look into casusoverleg's tables).
    casusoverleg_number = models.CharField("casusoverlegdossier", max_length=20, blank=True)
    # art. 8.2f: the decision that the plan is closed (recorded by the casusoverleg part, issue 6).
    plan_closed_on = models.DateField("integraal plan van aanpak afgesloten op", null=True, blank=True)
    plan_closed_note = FreeTextField("toelichting afsluiting", blank=True, max_length=2000)
    process = models.OneToOneField(
        "viewflow.Process", on_delete=models.SET_NULL, null=True, blank=True, related_name="weegploeg_file"
    )
    # Art. 7.2: the kernpartij that brought the file's (first) signal in, stored with the file when
    # it is registered, so that the inbox sorts on it by a join (issue 18); never changes afterwards.
    bringing_party = models.ForeignKey(
        "parties.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ingebracht door",
    )

    class Meta:
        verbose_name = "weegploegdossier"
        verbose_name_plural = "weegploegdossiers"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.number


class Signal(models.Model):
    """A signal (art. 1h, 8.2b) with its melder and contact details (8.2c) and bringing party (7.2)."""

    file = models.ForeignKey(WeegploegFile, on_delete=models.CASCADE, related_name="signals")
    observation = FreeTextField("omschrijving van het signaal", max_length=5000)
    observed_on = models.DateField("datum waarneming")
    melder_name = NameField("naam melder", max_length=200)
    melder_contact = NameField("contactgegevens melder", max_length=300)
    melder_is_outsider = models.BooleanField("melder buiten de kernpartij", default=False)
    bringing_party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name="ingebracht door"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="geregistreerd door"
    )
    registered_at = models.DateTimeField("geregistreerd op", default=timezone.now)
    # The low-code questions (intakeforms): answers and the revision of the published definition.
    answers = models.JSONField("antwoorden op aanvullende vragen", default=list, blank=True)
    form_revision_id = models.PositiveIntegerField("versie vragenlijst", null=True, blank=True)
    # The intake form's one-time token: a retried or doubled post finds this signal, never a second file.
    submission_token = models.UUIDField("inzendingskenmerk", unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["registered_at", "pk"]

    def __str__(self) -> str:
        return f"Signaal {self.pk} ({self.file.number})"


class CriterionAnswer(models.TextChoices):
    APPLIES = "van_toepassing", "Van toepassing"
    NOT_APPLIES = "niet_van_toepassing", "Niet van toepassing"
    UNKNOWN = "onbekend", "Onbekend"


class AnalysisNext(models.TextChoices):
    BESLUIT = "besluit", "Klaar voor besluit"
    MEER_INFORMATIE = "meer_informatie", "Meer informatie nodig"


class Analysis(models.Model):
    """The analysis against the published referentiekader (art. 7.3, 8.2d), with its revision."""

    file = models.ForeignKey(WeegploegFile, on_delete=models.CASCADE, related_name="analyses")
    referentiekader_revision_id = models.PositiveIntegerField("versie referentiekader")
    summary = FreeTextField("samenvatting", max_length=5000)
    next_step = models.CharField("vervolg", max_length=20, choices=AnalysisNext.choices)
    analysed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    analysed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "analyse"
        verbose_name_plural = "analyses"
        ordering = ["analysed_at", "pk"]

    def __str__(self) -> str:
        return f"Analyse {self.pk} ({self.file.number})"


class AnalysisItem(models.Model):
    """One criterion of the referentiekader as answered in an analysis."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="items")
    criterion_code = models.CharField(max_length=50)
    answer = models.CharField(max_length=30, choices=CriterionAnswer.choices)
    note = FreeTextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.criterion_code}: {self.get_answer_display()}"


class InformationRequest(models.Model):
    """'Meer informatie nodig' (art. 7.4): a named kernpartij is asked to supply information."""

    file = models.ForeignKey(WeegploegFile, on_delete=models.CASCADE, related_name="information_requests")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name="partij")
    question = FreeTextField("vraag", max_length=2000)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    answer = FreeTextField("antwoord", blank=True, max_length=5000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return f"Informatieverzoek {self.pk} ({self.file.number})"


class Outcome(models.TextChoices):
    AGENDEREN = "agenderen", "Agenderen in een casusoverleg"
    NIET_AGENDEREN = "niet_agenderen", "Niet agenderen (onvoldoende substantieel)"


class Decision(models.Model):
    """The weegploeg's decision (art. 7.4, 8.2e), with the parties to involve (art. 7.3)."""

    file = models.OneToOneField(WeegploegFile, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField("besluit", max_length=20, choices=Outcome.choices)
    motivation = FreeTextField("motivering", max_length=5000)
    involved_parties = models.ManyToManyField(
        "parties.Party", blank=True, related_name="+", verbose_name="te betrekken casuspartijen en externe partners"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"

    def __str__(self) -> str:
        return f"Besluit {self.file.number}: {self.get_outcome_display()}"


class Art41Ground(models.TextChoices):
    """Art. 41 lid 1 UAVG: the interests for which the information duty may be deferred (art. 11.3)."""

    A = "a", "a. de nationale veiligheid"
    B = "b", "b. de landsverdediging"
    C = "c", "c. de openbare veiligheid"
    D = (
        "d",
        (
            "d. de voorkoming, het onderzoek, de opsporing en de vervolging van strafbare feiten "
            "of de tenuitvoerlegging van straffen"
        ),
    )
    E = "e", "e. andere belangrijke doelstellingen van algemeen belang van de Unie of van Nederland"
    F = "f", "f. de bescherming van de onafhankelijkheid van de rechter en gerechtelijke procedures"
    G = (
        "g",
        (
            "g. de voorkoming, het onderzoek, de opsporing en de vervolging van schendingen van de "
            "beroepscodes voor gereglementeerde beroepen"
        ),
    )
    H = (
        "h",
        (
            "h. een taak op het gebied van toezicht, inspectie of regelgeving in verband met de "
            "onderdelen a tot en met e en g"
        ),
    )
    I = "i", "i. de bescherming van de betrokkene of van de rechten en vrijheden van anderen"  # noqa: E741
    J = "j", "j. de inning van civielrechtelijke vorderingen"


class DutyOutcome(models.TextChoices):
    INFORM_NOW = "nu_informeren", "Betrokkene nu informeren"
    DEFER = "uitstellen", "Informeren uitstellen (grond uit art. 41 UAVG)"


class InformationDuty(models.Model):
    """The art. 14 AVG information duty after the weegploeg's outcome (art. 11.2-5)."""

    file = models.OneToOneField(WeegploegFile, on_delete=models.CASCADE, related_name="information_duty")
    consulted_parties = models.ManyToManyField(
        "parties.Party", related_name="+", verbose_name="geraadpleegde kernpartijen"
    )
    consultation_note = FreeTextField("verslag overleg kernpartijen", max_length=5000)
    outcome = models.CharField("uitkomst", max_length=20, choices=DutyOutcome.choices)
    ground = models.CharField("grond (art. 41 UAVG)", max_length=1, choices=Art41Ground.choices, blank=True)
    note = FreeTextField("aantekening in het dossier", max_length=5000)
    recheck_on = models.DateField("opnieuw beoordelen op", null=True, blank=True)
    informed_on = models.DateField("betrokkene geïnformeerd op", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "informatieplicht"
        verbose_name_plural = "informatieplicht"

    def __str__(self) -> str:
        return f"Informatieplicht {self.file.number}"


class AccuracyReview(models.Model):
    """A periodic check that the file's data are correct and complete (art. 8.3)."""

    file = models.ForeignKey(WeegploegFile, on_delete=models.CASCADE, related_name="accuracy_reviews")
    corrected = models.BooleanField("gegevens gecorrigeerd", default=False)
    note = FreeTextField("toelichting", max_length=2000)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["reviewed_at", "pk"]

    def __str__(self) -> str:
        return f"Controle {self.pk} ({self.file.number})"


class TaskDue(models.Model):
    """The due date of a weegploeg task ("Uiterlijk" in the inbox) and the file the task is about,
    fixed when the flow creates the task (``weegploeg.terms``). Stored rather than computed per row,
    so that the inbox sorts, filters and pages on an indexed column and plain joins at any volume
    (issue 18): a weegploeg task finds its file through its process, a review task through the
    process's artifact, which no join can follow."""

    task = models.OneToOneField(
        "viewflow.Task", on_delete=models.CASCADE, primary_key=True, related_name="weegploeg_due"
    )
    due_on = models.DateField("uiterlijk", null=True, blank=True)
    # Goes with the file when the file is destroyed (art. 13); the task itself goes with its process.
    file = models.ForeignKey(
        WeegploegFile, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="dossier"
    )

    class Meta:
        verbose_name = "termijn van een taak"
        verbose_name_plural = "termijnen van taken"
        # The inbox's default order (due date, then task) and its due-date filters.
        indexes = [models.Index(fields=["due_on", "task"], name="weegploeg_taskdue_order")]

    def __str__(self) -> str:
        return f"Termijn taak {self.task_id}"
