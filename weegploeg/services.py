"""Business logic of the weegploeg file (art. 7, 8, 11.2-4).

Each service checks its own preconditions and raises a Dutch ``ValidationError`` or
``PermissionDenied``; the task lifecycle (claim, lock, complete) lives in ``core.tasks``.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.fields import bsn_compact
from core.months import add_months
from core.numbering import file_number_next
from core.processes import ProcessKind, process_start
from core.subject import SUBJECT_FIELDS
from core.text import text_free_clean, text_name_normalise
from parties.models import Party, PartyRole
from weegploeg.models import (
    AccuracyReview,
    Analysis,
    AnalysisItem,
    AnalysisNext,
    Art41Ground,
    CriterionAnswer,
    Decision,
    DutyOutcome,
    FileStatus,
    InformationDuty,
    InformationRequest,
    Outcome,
    Signal,
    Subject,
    SubjectData,
    WeegploegFile,
)

if TYPE_CHECKING:
    from accounts.models import User


def accuracy_review_months() -> int:
    """Art. 8.3: how often a file is checked; ``WEEGPLOEG_ACCURACY_REVIEW_MONTHS`` (default 6)."""
    return settings.WEEGPLOEG_ACCURACY_REVIEW_MONTHS


def _touch(file: WeegploegFile, status: str | None = None) -> None:
    if status is not None:
        file.status = status
    file.last_processed_at = timezone.now()
    file.save(update_fields=["status", "last_processed_at"])


def user_may_register_signals(user: User) -> bool:
    """Art. 7.1-2: only representatives of a participating kernpartij bring signals in."""
    from weegploeg.access_rules import may_register_signals

    return may_register_signals(user)


@transaction.atomic
def signal_register(
    *,
    by: User,
    subject: dict,
    observation: str,
    observed_on: datetime.date,
    melder_is_outsider: bool = False,
    melder_name: str = "",
    melder_contact: str = "",
    answers: list[dict] | None = None,
    form_revision_id: int | None = None,
    submission_token: uuid.UUID | None = None,
) -> WeegploegFile:
    """Art. 7.1-2, 8.2a-c: a kernpartij brings a signal in. Creates the subject, the file and the
    signal, and starts the weegploeg flow and the accuracy review (art. 8.3)."""

    if not user_may_register_signals(by):
        raise PermissionDenied(
            "Alleen vertegenwoordigers van een kernpartij met de rol melder kunnen signalen inbrengen."
        )
    if not melder_is_outsider:
        melder_name = by.get_full_name() or by.username
        melder_contact = by.email or by.party.name
    elif not melder_name.strip() or not melder_contact.strip():
        raise ValidationError("Vul de naam en de contactgegevens van de melder in.", code="melder_ontbreekt")
    subject_row = subject_data_write(Subject(), subject)
    file = WeegploegFile.objects.create(
        number=file_number_next("W"),
        subject=subject_row,
        bringing_party=by.party,
        next_review_on=add_months(timezone.localdate(), accuracy_review_months()),
    )
    signal = Signal(
        file=file,
        observation=text_free_clean(observation),
        observed_on=observed_on,
        melder_name=melder_name,
        melder_contact=melder_contact,
        melder_is_outsider=melder_is_outsider,
        bringing_party=by.party,
        registered_by=by,
        answers=answers or [],
        form_revision_id=form_revision_id,
        submission_token=submission_token,
    )
    # The token's uniqueness is the database's to hold (a concurrent post gets an IntegrityError,
    # handled by ``signal_register_once``); validating it here would race the other post.
    signal.full_clean(exclude=["submission_token"])
    signal.save()
    process = process_start(ProcessKind.WEEGPLOEG, file=file)
    file.process_id = process.pk
    file.save(update_fields=["process"])
    process_start(ProcessKind.ACCURACY_REVIEW, file=file)
    return file


def signal_register_once(*, token: uuid.UUID, **kwargs) -> tuple[WeegploegFile, bool]:
    """``signal_register`` for a form post that may be retried or sent twice at once: the token is
    held by a unique constraint, so the second post gets the file the first created, and False."""
    existing = Signal.objects.filter(submission_token=token).select_related("file").first()
    if existing is not None:
        return existing.file, False
    try:
        with transaction.atomic():
            return signal_register(submission_token=token, **kwargs), True
    except IntegrityError:
        # The other post committed first (PostgreSQL waited on the unique index for it).
        existing = Signal.objects.filter(submission_token=token).select_related("file").first()
        if existing is None:
            raise
        return existing.file, False


def subject_data_write(row: SubjectData, changes: dict) -> SubjectData:
    """The one write path for subject NAW data (art. 8.2a, 10.2, 12.6), in both files: set the
    changes, ``full_clean()`` (normalises names and BSN, refuses an invalid BSN or bidi controls
    with a Dutch ``ValidationError``) and save. A new row is inserted; an existing row saves only
    the changed fields. Nothing is written when refused."""
    for name, value in changes.items():
        setattr(row, name, value)
    row.full_clean()
    if row.pk is None:
        row.save()
    else:
        row.save(update_fields=list(changes))
    return row


def subject_matches(file: WeegploegFile) -> list[WeegploegFile]:
    """Art. 8 (known subject): other files about the same person, by BSN or by name and date of
    birth. Only for the weegploeg (never shown to the melder)."""
    from django.db.models import Q

    subject = file.subject
    # Compare the canonical forms (item 6): NFKC, no zero-width spaces, BSN as nine ASCII digits.
    # Rows are stored canonical (``subject_data_write``, the fields' ``pre_save``, migration 0003).
    same = Q(
        subject__surname__iexact=text_name_normalise(subject.surname),
        subject__given_names__iexact=text_name_normalise(subject.given_names),
    )
    same &= Q(subject__date_of_birth=subject.date_of_birth)
    bsn = bsn_compact(subject.bsn)
    if bsn:
        same |= Q(subject__bsn=bsn)
    return list(
        WeegploegFile.objects.filter(same, archived_at__isnull=True)  # art. 13.2: archived files are not searched
        .exclude(subject_id=subject.pk)
        .select_related("subject")
        .order_by("created_at")
    )


@transaction.atomic
def subject_attach_existing(file: WeegploegFile, other: WeegploegFile, *, by: User) -> WeegploegFile:
    """Attach this file's signals to the subject of an earlier file instead of keeping a duplicate."""
    if other.pk == file.pk or other not in subject_matches(file):
        raise ValidationError(
            "Dit dossier gaat niet over hetzelfde subject; koppelen is niet mogelijk.", code="ander_subject"
        )
    duplicate = file.subject
    file.subject = other.subject
    file.save(update_fields=["subject"])
    if not duplicate.files.exists():
        duplicate.delete()
    _touch(file)
    return file


@transaction.atomic
def analysis_record(
    file: WeegploegFile,
    *,
    by: User,
    revision_id: int,
    items: Iterable[tuple[str, str, str]],
    summary: str,
    next_step: str,
    info_party: Party | None = None,
    info_question: str = "",
) -> Analysis:
    """Art. 7.3, 8.2d: the analysis against the published referentiekader, with its revision."""
    items = list(items)
    if not items:
        raise ValidationError("De analyse bevat geen criteria van het referentiekader.", code="criteria_ontbreken")
    if any(answer not in CriterionAnswer.values for _, answer, _ in items):
        raise ValidationError(
            "Kies per criterium: van toepassing, niet van toepassing of onbekend.", code="antwoord_ongeldig"
        )
    if next_step == AnalysisNext.MEER_INFORMATIE:
        if info_party is None or info_party.role != PartyRole.KERNPARTIJ or not info_party.is_participating():
            raise ValidationError(
                "Kies de kernpartij die de aanvullende informatie moet aanleveren.", code="leverancier_ontbreekt"
            )
        if not info_question.strip():
            raise ValidationError("Beschrijf welke informatie nodig is.", code="verzoek_leeg")
    analysis = Analysis.objects.create(
        file=file, referentiekader_revision_id=revision_id, summary=summary, next_step=next_step, analysed_by=by
    )
    AnalysisItem.objects.bulk_create(
        AnalysisItem(analysis=analysis, criterion_code=code, answer=answer, note=note) for code, answer, note in items
    )
    if next_step == AnalysisNext.MEER_INFORMATIE:
        InformationRequest.objects.create(file=file, party=info_party, question=info_question, requested_by=by)
        _touch(file, FileStatus.MEER_INFORMATIE)
    else:
        _touch(file, FileStatus.BESLUIT)
    return analysis


@transaction.atomic
def information_supply(file: WeegploegFile, *, by: User, answer: str) -> InformationRequest:
    """Art. 7.4: the named kernpartij supplies the information; the file goes back to analysis."""
    request = file.information_requests.filter(answered_at__isnull=True).order_by("-pk").first()
    if request is None:
        raise ValidationError("Er staat geen informatieverzoek open voor dit dossier.", code="geen_open_verzoek")
    if by.party_id != request.party_id:
        raise PermissionDenied("Dit informatieverzoek is aan een andere partij gericht.")
    request.answer = answer
    request.answered_by = by
    request.answered_at = timezone.now()
    request.save(update_fields=["answer", "answered_by", "answered_at"])
    _touch(file, FileStatus.IN_ANALYSE)
    return request


@transaction.atomic
def information_duty_record(
    file: WeegploegFile,
    *,
    by: User,
    consulted_parties: Iterable[Party],
    consultation_note: str,
    outcome: str,
    note: str,
    ground: str = "",
    recheck_on: datetime.date | None = None,
    informed_on: datetime.date | None = None,
) -> InformationDuty:
    """Art. 11.2-4: after the kernpartijen consulted each other, inform the subject now or defer on
    an art. 41 UAVG ground with a note in the file and a re-check date."""
    decision = Decision.objects.filter(file=file).first()
    if decision is None:
        raise ValidationError("De informatieplicht volgt pas op het besluit van de weegploeg.", code="nog_geen_besluit")
    consulted = list(consulted_parties)
    if not consulted or any(p.role != PartyRole.KERNPARTIJ for p in consulted):
        raise ValidationError("Leg vast welke kernpartijen onderling overleg hebben gevoerd.", code="overleg_ontbreekt")
    today = timezone.localdate()
    if outcome == DutyOutcome.DEFER:
        if ground not in Art41Ground.values:
            raise ValidationError(
                "Kies de grond uit artikel 41 UAVG waarop het informeren wordt uitgesteld.", code="grond_ontbreekt"
            )
        if recheck_on is None or recheck_on <= today:
            raise ValidationError(
                "Kies een datum in de toekomst waarop het uitstel opnieuw wordt beoordeeld.",
                code="herbeoordeling_ongeldig",
            )
        informed_on = None
    elif outcome == DutyOutcome.INFORM_NOW:
        ground, recheck_on = "", None
        informed_on = informed_on or today
        if informed_on > today:
            raise ValidationError("De datum van informeren kan niet in de toekomst liggen.", code="datum_in_toekomst")
    else:
        raise ValidationError("Kies: nu informeren of uitstellen.", code="keuze_ongeldig")
    duty = InformationDuty.objects.create(
        file=file,
        consultation_note=consultation_note,
        outcome=outcome,
        ground=ground,
        note=note,
        recheck_on=recheck_on,
        informed_on=informed_on,
        recorded_by=by,
    )
    duty.consulted_parties.set(consulted)
    final = FileStatus.GEAGENDEERD if decision.outcome == Outcome.AGENDEREN else FileStatus.NIET_GEAGENDEERD
    _touch(file, final)
    return duty


@transaction.atomic
def accuracy_review_record(file: WeegploegFile, *, by: User, corrected: bool, note: str) -> AccuracyReview:
    """Art. 8.3: record that the data were checked (and corrected where needed); plan the next check."""
    review = AccuracyReview.objects.create(file=file, corrected=corrected, note=note, reviewed_by=by)
    file.next_review_on = add_months(timezone.localdate(), accuracy_review_months())
    file.save(update_fields=["next_review_on"])
    _touch(file)
    return review


@transaction.atomic
def weegploeg_plan_closed_record(number: str, *, closed_on: datetime.date, note: str) -> WeegploegFile | None:
    """Art. 8.2f: the kernpartijen's decision that the plan is closed, recorded in the weegploeg
    file too (called by the casusoverleg on closure). None when the weegploeg file is gone (art. 13)."""
    # Not when archived: an archived file is read-only and a write would restart its term (art. 13.2).
    file = WeegploegFile.objects.select_for_update().filter(number=number, archived_at__isnull=True).first()
    if file is None:
        return None
    file.plan_closed_on = closed_on
    file.plan_closed_note = note[:2000]
    file.save(update_fields=["plan_closed_on", "plan_closed_note"])
    _touch(file)
    return file


# Art. 12.5-6: the subject data a decided correction may change.
SUBJECT_CORRECTABLE_FIELDS = SUBJECT_FIELDS  # every NAW field


@transaction.atomic
def weegploeg_subject_correct(subject: Subject, changes: dict) -> list[WeegploegFile]:
    """Art. 12.6: carry out a decided correction of the subject's data in the weegploeg file.
    Returns the files of this subject (each marked as processed). Nothing changes when refused."""
    if not changes or any(name not in SUBJECT_CORRECTABLE_FIELDS for name in changes):
        raise ValidationError(
            "Alleen de persoonsgegevens van het subject kunnen zo worden gecorrigeerd.", code="veld_niet_corrigeerbaar"
        )
    subject = Subject.objects.select_for_update().get(pk=subject.pk)
    subject_data_write(subject, changes)
    files = list(subject.files.order_by("created_at", "pk"))
    for file in files:
        _touch(file)
    return files


# The weegploeg's decision (art. 7.4) lives in ``weegploeg.decisions``; its services are part of this API.
from weegploeg.decisions import (  # noqa: E402, F401
    weegploeg_decide,
    weegploeg_decision_propose,
    weegploeg_decision_take_effect,
)
