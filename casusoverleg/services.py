"""Business logic of the casusoverleg file (art. 6, 8.5, 9, 10).

Each service checks its own preconditions and raises a Dutch ``ValidationError`` or
``PermissionDenied``; nothing is changed when it refuses. Task transitions (claim, lock, complete)
run through ``flows.services``; writes outside a task (a new plan version, participants,
persons, contributions, advice, disclosures) take the same flow lock on the process row
(``SELECT ... FOR UPDATE NOWAIT``) so that two people cannot change one case at once.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from casusoverleg.models import (
    AdviceRecipient,
    AdviceRequest,
    Art3Goal,
    CasusoverlegFile,
    CasusParticipant,
    CasusPerson,
    CasusSignal,
    CasusStatus,
    CasusSubject,
    DataContribution,
    DataKind,
    Disclosure,
    LegalGround,
    MeasureProgress,
    MeasureStatus,
    ParticipantSource,
    PersonKind,
    PlanMeasure,
    PlanVersion,
    ProgressReview,
    ReviewOutcome,
)
from core.months import add_months
from core.numbering import file_number_next
from core.subject import SUBJECT_FIELDS
from parties.models import Party, PartyKind, PartyRole

if TYPE_CHECKING:
    from accounts.models import User
    from weegploeg.models import WeegploegFile

LOCKED = "Iemand anders wijzigt dit dossier op dit moment. Probeer het over een ogenblik opnieuw."
CLOSED = "Dit plan van aanpak is afgesloten; het dossier kan niet meer worden gewijzigd."
MAX_INTERVAL_MONTHS = 24

# Art. 6: the legal ground on which each kind of party provides personal data.
LEGAL_GROUND_FOR_KIND: dict[str, str] = {
    PartyKind.OPENBAAR_MINISTERIE: LegalGround.A,
    PartyKind.POLITIE: LegalGround.B,
    PartyKind.GEMEENTE: LegalGround.C,
    PartyKind.RAAD_KINDERBESCHERMING: LegalGround.D,
    PartyKind.RECLASSERING: LegalGround.E,
}
CONVENANT_ROLES = (PartyRole.KERNPARTIJ, PartyRole.CASUSPARTIJ)


def legal_ground_for(party: Party) -> str | None:
    """Art. 6 a-e: the ground of this party, or None (externe casuspartners have none in art. 6)."""
    return LEGAL_GROUND_FOR_KIND.get(party.kind)


def review_interval_default() -> int:
    from django.conf import settings

    return settings.CASUSOVERLEG_REVIEW_INTERVAL_MONTHS


@contextlib.contextmanager
def _case_lock(file: CasusoverlegFile):
    """The flow's lock on the case's process row (one transaction), or the file row without one."""
    from viewflow.workflow.exceptions import FlowLockFailed

    from casusoverleg.flows import CasusoverlegFlow

    try:
        if file.process_id:
            with CasusoverlegFlow.lock(file.process_id):
                yield
        else:
            with transaction.atomic():
                CasusoverlegFile.objects.select_for_update().filter(pk=file.pk).exists()
                yield
    except FlowLockFailed as error:
        raise ValidationError(LOCKED) from error


def _fresh(file: CasusoverlegFile) -> CasusoverlegFile:
    fresh = CasusoverlegFile.objects.get(pk=file.pk)
    if fresh.status == CasusStatus.AFGESLOTEN:
        raise ValidationError(CLOSED)
    return fresh


def _touch(file: CasusoverlegFile, **fields) -> None:
    for name, value in fields.items():
        setattr(file, name, value)
    file.last_processed_at = timezone.now()
    file.save(update_fields=[*fields, "last_processed_at"])


def casus_subject_correct(weegploeg_numbers: Iterable[str], changes: dict) -> list[str]:
    """Art. 12.6: carry a decided correction of the subject's data into the casusoverleg file(s)
    copied from these weegploeg files. Returns the casusoverleg file numbers."""
    from weegploeg.services import subject_data_write

    files = list(
        CasusoverlegFile.objects.select_for_update().filter(source_weegploeg_number__in=list(weegploeg_numbers))
    )
    for file in files:
        subject = CasusSubject.objects.select_for_update().filter(file=file).first()
        if subject is not None:
            subject_data_write(subject, changes)  # the one write path: full_clean() on every write
        _touch(file)
    return [file.number for file in files]


def _contributing_party(by: User) -> tuple[Party, str]:
    ground = legal_ground_for(by.party)
    if ground is None:
        raise PermissionDenied("Uw organisatie heeft geen grondslag in artikel 6 om gegevens in te brengen.")
    return by.party, ground


# --- Agendering (art. 8.5) ------------------------------------------------------------------------


def _analysis_text(weegploeg_file: WeegploegFile) -> str:
    """Art. 10.2d: the weegploeg's analyses as readable text (criteria by code)."""
    parts = []
    for analysis in weegploeg_file.analyses.prefetch_related("items").order_by("analysed_at", "pk"):
        lines = [
            f"Analyse van {timezone.localtime(analysis.analysed_at):%d-%m-%Y} "
            f"(referentiekader versie {analysis.referentiekader_revision_id})"
        ]
        lines += [
            f"- {item.criterion_code}: {item.get_answer_display()}" + (f" ({item.note})" if item.note else "")
            for item in analysis.items.all()
        ]
        lines.append(f"Samenvatting: {analysis.summary}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


@transaction.atomic
def casusoverleg_file_open_from_weegploeg(weegploeg_file: WeegploegFile, *, by: User) -> CasusoverlegFile:
    """Art. 8.5: copy (never move) the relevant data of an agendered weegploeg file into a new
    casusoverleg file, record the participants (art. 9.1) and the parties' contributions with their
    legal ground (art. 6), and start the casusoverleg flow. The weegploeg file keeps all its rows."""
    from casusoverleg.flows import CasusoverlegFlow
    from weegploeg.services import subject_data_write

    existing = CasusoverlegFile.objects.filter(source_weegploeg_number=weegploeg_file.number).first()
    if existing is not None:
        return existing
    casus = CasusoverlegFile.objects.create(
        number=file_number_next("C"),
        source_weegploeg_number=weegploeg_file.number,
        opened_by=by,
        analysis=_analysis_text(weegploeg_file),
        review_interval_months=review_interval_default(),
    )
    subject = weegploeg_file.subject
    subject_data_write(CasusSubject(file=casus), {name: getattr(subject, name) for name in SUBJECT_FIELDS})
    signals = list(weegploeg_file.signals.select_related("bringing_party"))
    CasusSignal.objects.bulk_create(
        CasusSignal(
            file=casus,
            observation=signal.observation,
            observed_on=signal.observed_on,
            # Art. 10.2c: the bringing party and its functional contact, never the melder (art. 8.2c).
            bringing_party_id=signal.bringing_party_id,
            party_name=signal.bringing_party.name,
            party_contact=signal.bringing_party.functional_contact,
        )
        for signal in signals
    )
    participants: dict[int, CasusParticipant] = {}

    def add(party: Party, source: str, reason: str) -> None:
        if party.pk not in participants:
            participants[party.pk] = CasusParticipant(
                file=casus, party=party, source=source, reason=reason, added_by=by
            )

    decision = getattr(weegploeg_file, "decision", None)
    chosen = list(decision.involved_parties.all()) if decision is not None else []
    if decision is not None:
        casus.involved_parties.set(chosen)
    for signal in signals:
        add(signal.bringing_party, ParticipantSource.SIGNAAL, "Heeft het signaal ingebracht.")
    home = Party.objects.filter(kind=PartyKind.GEMEENTE, name__iexact=f"De gemeente {subject.municipality}").first()
    if home is not None:
        add(home, ParticipantSource.WOONGEMEENTE, "Woongemeente van het subject.")
    for party in chosen:
        add(party, ParticipantSource.WEEGPLOEG, decision.motivation[:2000] or "Gekozen door de weegploeg.")
    CasusParticipant.objects.bulk_create(participants.values())
    grounds = {}
    for signal in signals:
        ground = legal_ground_for(signal.bringing_party)
        if ground and signal.bringing_party_id not in grounds:
            grounds[signal.bringing_party_id] = ground
    DataContribution.objects.bulk_create(
        DataContribution(file=casus, party_id=party_id, legal_ground=ground, subject_matter="Signalen (art. 10.2b-c)")
        for party_id, ground in grounds.items()
    )
    process = CasusoverlegFlow.start.run(file=casus)
    casus.process_id = process.pk
    casus.save(update_fields=["process"])
    return casus


# --- Participants (art. 9.1) -----------------------------------------------------------------------


def participant_add(file: CasusoverlegFile, *, by: User, party: Party, reason: str) -> CasusParticipant:
    """Art. 9.1: the casusoverleg adds a party or externe casuspartner the plan needs, with the reason."""
    if not reason.strip():
        raise ValidationError("Geef aan waarom deze partij moet deelnemen.")
    if not party.is_participating() and party.role != PartyRole.EXTERNE_CASUSPARTNER:
        raise ValidationError("Deze partij neemt niet (meer) deel aan het convenant.")
    with _case_lock(file):
        file = _fresh(file)
        if CasusParticipant.objects.filter(file=file, party=party).exists():
            raise ValidationError("Deze partij neemt al deel aan het casusoverleg.")
        participant = CasusParticipant.objects.create(
            file=file, party=party, source=ParticipantSource.CASUSOVERLEG, reason=reason.strip(), added_by=by
        )
        _touch(file)
    return participant


# --- The integraal plan van aanpak (art. 1e, 3, 9.3) ------------------------------------------------


def _draft(file: CasusoverlegFile, by: User) -> PlanVersion:
    """The draft of the next version: a copy of the version in force, or an empty first draft."""
    draft = PlanVersion.objects.filter(file=file, adopted_at__isnull=True).first()
    if draft is not None:
        return draft
    current = PlanVersion.objects.filter(file=file, adopted_at__isnull=False, superseded_at__isnull=True).first()
    draft = PlanVersion.objects.create(file=file, aim=current.aim if current else "")
    if current is not None:
        PlanMeasure.objects.bulk_create(
            PlanMeasure(
                plan=draft,
                description=m.description,
                goal=m.goal,
                responsible_party_id=m.responsible_party_id,
                due_on=m.due_on,
                status=m.status,
            )
            for m in current.measures.all()
        )
    return draft


def plan_draft_open(file: CasusoverlegFile, *, by: User) -> PlanVersion:
    """Start (or continue) the draft of the plan: the first plan or an adjustment (art. 9.4)."""
    with _case_lock(file):
        file = _fresh(file)
        return _draft(file, by)


def plan_draft_update(file: CasusoverlegFile, *, by: User, aim: str, change_note: str = "") -> PlanVersion:
    if not aim.strip():
        raise ValidationError("Beschrijf het doel van het plan van aanpak.")
    with _case_lock(file):
        file = _fresh(file)
        draft = _draft(file, by)
        draft.aim = aim.strip()
        draft.change_note = change_note.strip()
        draft.save(update_fields=["aim", "change_note"])
        _touch(file)
    return draft


def _participant_party_ids(file: CasusoverlegFile) -> set[int]:
    return set(CasusParticipant.objects.filter(file=file).values_list("party_id", flat=True))


def plan_measure_add(
    file: CasusoverlegFile,
    *,
    by: User,
    description: str,
    goal: str,
    responsible_party: Party,
    due_on: datetime.date,
) -> PlanMeasure:
    """Art. 3, 10.2e: a measure in the draft, with its goal, responsible party and due date."""
    if not description.strip():
        raise ValidationError("Beschrijf de maatregel.")
    if goal not in Art3Goal.values:
        raise ValidationError("Kies het doel uit artikel 3 (a tot en met f) dat de maatregel dient.")
    with _case_lock(file):
        file = _fresh(file)
        if responsible_party.pk not in _participant_party_ids(file):
            raise ValidationError("De verantwoordelijke partij moet deelnemen aan dit casusoverleg.")
        draft = _draft(file, by)
        measure = PlanMeasure.objects.create(
            plan=draft, description=description.strip(), goal=goal, responsible_party=responsible_party, due_on=due_on
        )
        _touch(file)
    return measure


def plan_measure_remove(file: CasusoverlegFile, *, by: User, measure_id: int) -> None:
    with _case_lock(file):
        file = _fresh(file)
        deleted, _ = PlanMeasure.objects.filter(pk=measure_id, plan__file=file, plan__adopted_at__isnull=True).delete()
        if not deleted:
            raise ValidationError("Deze maatregel staat niet in het concept en kan niet worden verwijderd.")
        _touch(file)


def _adopt(file: CasusoverlegFile, by: User, adopted_on: datetime.date, present: list[Party]) -> PlanVersion:
    draft = PlanVersion.objects.filter(file=file, adopted_at__isnull=True).first()
    if draft is None:
        raise ValidationError("Er is geen concept om vast te stellen; mogelijk heeft een collega het al vastgesteld.")
    if not draft.aim.strip():
        raise ValidationError("Het plan heeft nog geen doel.")
    if not draft.measures.exists():
        raise ValidationError("Het plan heeft nog geen maatregelen.")
    if adopted_on > timezone.localdate():
        raise ValidationError("De datum van het casusoverleg kan niet in de toekomst liggen.")
    participant_ids = _participant_party_ids(file)
    if not present or any(p.pk not in participant_ids for p in present):
        raise ValidationError("Kies welke deelnemende partijen aanwezig waren bij het vaststellen.")
    current = PlanVersion.objects.filter(file=file, adopted_at__isnull=False, superseded_at__isnull=True).first()
    now = timezone.now()
    if current is not None:
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
    last = PlanVersion.objects.filter(file=file, number__isnull=False).order_by("-number").first()
    draft.number = (last.number if last else 0) + 1
    draft.adopted_on = adopted_on
    draft.adopted_at = now
    draft.adopted_by = by
    draft.save(update_fields=["number", "adopted_on", "adopted_at", "adopted_by"])
    draft.present_parties.set(present)
    fields = {}
    if file.status == CasusStatus.GEAGENDEERD:
        fields["status"] = CasusStatus.IN_UITVOERING
    if file.next_review_on is None:
        fields["next_review_on"] = add_months(adopted_on, file.review_interval_months)
    _touch(file, **fields)
    return draft


def plan_adopt(
    file: CasusoverlegFile, *, by: User, adopted_on: datetime.date, present_parties: Iterable[Party]
) -> PlanVersion:
    """Art. 9.3-4: the casusoverleg adopts the draft as the next version (date, present parties).

    The first version is adopted inside the 'vaststellen' task (under its lock, via
    ``flows.services.task_complete``); later versions (adjustments) take the same lock here.
    """
    present = list(present_parties)
    with _case_lock(file):  # inside task_complete the same row lock is already held: re-entrant
        return _adopt(_fresh(file), by, adopted_on, present)


def _open_task(file: CasusoverlegFile, name: str):
    from viewflow.workflow.models import Task

    from casusoverleg.flows import CasusoverlegFlow
    from flows.services import OPEN_STATUSES

    return Task.objects.filter(
        process_id=file.process_id, flow_task=getattr(CasusoverlegFlow, name), status__in=OPEN_STATUSES
    ).first()


# --- Monitoring (art. 9.4) ----------------------------------------------------------------------


@transaction.atomic
def progress_review_record(
    file: CasusoverlegFile,
    *,
    by: User,
    held_on: datetime.date,
    summary: str,
    items: Iterable[tuple[int, str, str]],
    outcome: str,
    closure_reason: str = "",
) -> ProgressReview:
    """Art. 9.4: progress per measure of the plan in force; continue, or advise closure with a
    reason. Plans the next review ``review_interval_months`` after this one. Runs inside the
    'voortgangsbespreking' task (``flows.services.task_complete`` holds the lock)."""
    file = _fresh(file)
    plan = PlanVersion.objects.filter(file=file, adopted_at__isnull=False, superseded_at__isnull=True).first()
    if plan is None:
        raise ValidationError("Er is nog geen vastgesteld plan van aanpak om te bespreken.")
    if held_on > timezone.localdate():
        raise ValidationError("De datum van de bespreking kan niet in de toekomst liggen.")
    if not summary.strip():
        raise ValidationError("Vat de voortgang samen.")
    if outcome not in ReviewOutcome.values:
        raise ValidationError("Kies: plan voortzetten of afsluiting adviseren.")
    if outcome == ReviewOutcome.AFSLUITING_ADVISEREN and not closure_reason.strip():
        raise ValidationError("Geef de reden voor het advies tot afsluiting.")
    measures = {m.pk: m for m in plan.measures.all()}
    given = {measure_id: (status, note) for measure_id, status, note in items}
    if set(given) != set(measures):
        raise ValidationError("Leg de voortgang van elke maatregel van het plan vast.")
    if any(status not in MeasureStatus.values for status, _ in given.values()):
        raise ValidationError("Kies voor elke maatregel een geldige status.")
    review = ProgressReview.objects.create(
        file=file,
        plan=plan,
        held_on=held_on,
        summary=summary.strip(),
        outcome=outcome,
        closure_reason=closure_reason.strip() if outcome == ReviewOutcome.AFSLUITING_ADVISEREN else "",
        recorded_by=by,
    )
    MeasureProgress.objects.bulk_create(
        MeasureProgress(review=review, measure_id=pk, status=status, note=note) for pk, (status, note) in given.items()
    )
    for pk, (status, _) in given.items():
        if measures[pk].status != status:
            measures[pk].status = status
            measures[pk].save(update_fields=["status"])

    fields = {"next_review_on": add_months(held_on, file.review_interval_months)}
    if outcome == ReviewOutcome.AFSLUITING_ADVISEREN:
        fields["status"] = CasusStatus.AFSLUITING_GEADVISEERD
    _touch(file, **fields)
    return review


def review_interval_set(file: CasusoverlegFile, *, by: User, months: int) -> CasusoverlegFile:
    """Art. 9.4: the casusoverleg sets how often this case's progress is reviewed."""
    if not 1 <= months <= MAX_INTERVAL_MONTHS:
        raise ValidationError(f"Kies een termijn van 1 tot en met {MAX_INTERVAL_MONTHS} maanden.")

    with _case_lock(file):
        file = _fresh(file)
        last = file.reviews.order_by("-held_on", "-pk").first()
        plan = file.plan_versions.filter(adopted_on__isnull=False).order_by("number").first()
        base = last.held_on if last else (plan.adopted_on if plan else None)
        fields: dict = {"review_interval_months": months}
        if base is not None:
            fields["next_review_on"] = add_months(base, months)
        _touch(file, **fields)
    return file


# --- Persons, contributions (art. 6, 9.2, 10.2f-g) ----------------------------------------------


def person_add(file: CasusoverlegFile, *, by: User, kind: str, name: str, address: str, relevance: str) -> CasusPerson:
    """Art. 10.2f-g: an achterblijver or a person from the social network, with why they matter;
    recorded as the party's contribution with its legal ground (art. 6)."""
    if kind not in PersonKind.values:
        raise ValidationError("Kies: achterblijver of persoon uit het sociale netwerk.")
    if not (name.strip() and address.strip() and relevance.strip()):
        raise ValidationError("Vul naam, adres en de reden waarom deze persoon relevant is in.")
    party, ground = _contributing_party(by)
    with _case_lock(file):
        file = _fresh(file)
        person = CasusPerson.objects.create(
            file=file,
            kind=kind,
            name=name.strip(),
            address=address.strip(),
            relevance=relevance.strip(),
            contributed_by=party,
            added_by=by,
        )
        DataContribution.objects.create(
            file=file,
            party=party,
            legal_ground=ground,
            subject_matter=PersonKind(kind).label,
            contributed_by=by,
        )
        _touch(file)
    return person


def contribution_add(file: CasusoverlegFile, *, by: User, subject_matter: str, content: str) -> DataContribution:
    """Art. 9.2: a participant shares relevant data in the casusoverleg, under its art. 6 ground."""
    if not subject_matter.strip() or not content.strip():
        raise ValidationError("Vul de soort gegevens en de gegevens zelf in.")
    party, ground = _contributing_party(by)
    with _case_lock(file):
        file = _fresh(file)
        contribution = DataContribution.objects.create(
            file=file,
            party=party,
            legal_ground=ground,
            subject_matter=subject_matter.strip(),
            content=content.strip(),
            contributed_by=by,
        )
        _touch(file)
    return contribution


# --- Advice (art. 9.5) -----------------------------------------------------------------------------


def _kinds(data_kinds: Iterable[str]) -> list[str]:
    kinds = list(dict.fromkeys(data_kinds))
    if any(k not in DataKind.values for k in kinds):
        raise ValidationError("Kies de soorten gegevens uit de lijst.")
    return kinds


def advice_request_record(
    file: CasusoverlegFile,
    *,
    by: User,
    recipient_kind: str,
    recipient_name: str,
    question: str,
    requested_on: datetime.date,
    personal_data_shared: bool,
    data_kinds: Iterable[str] = (),
    sharing_reason: str = "",
) -> AdviceRequest:
    """Art. 9.5: a request for advice to the NCTV or another expert; if personal data were shared,
    which kinds and why."""
    if recipient_kind not in AdviceRecipient.values:
        raise ValidationError("Kies de NCTV of een andere deskundige.")
    if not recipient_name.strip() or not question.strip():
        raise ValidationError("Vul de adviseur en de vraag in.")
    if requested_on > timezone.localdate():
        raise ValidationError("De datum van de aanvraag kan niet in de toekomst liggen.")
    kinds = _kinds(data_kinds)
    if personal_data_shared and (not kinds or not sharing_reason.strip()):
        raise ValidationError("Geef aan welke soorten persoonsgegevens zijn gedeeld en waarom dat nodig was.")
    if not personal_data_shared:
        kinds, sharing_reason = [], ""
    with _case_lock(file):
        file = _fresh(file)
        advice = AdviceRequest.objects.create(
            file=file,
            recipient_kind=recipient_kind,
            recipient_name=recipient_name.strip(),
            question=question.strip(),
            requested_on=requested_on,
            personal_data_shared=personal_data_shared,
            data_kinds=kinds,
            sharing_reason=sharing_reason.strip(),
            requested_by=by,
        )
        _touch(file)
    return advice


def advice_answer_record(advice: AdviceRequest, *, by: User, answer: str, answered_on: datetime.date) -> AdviceRequest:
    if not answer.strip():
        raise ValidationError("Vul het antwoord van de adviseur in.")
    if answered_on > timezone.localdate() or answered_on < advice.requested_on:
        raise ValidationError("De datum van het antwoord ligt tussen de aanvraag en vandaag.")
    with _case_lock(advice.file):
        file = _fresh(advice.file)
        advice.answer = answer.strip()
        advice.answered_on = answered_on
        advice.save(update_fields=["answer", "answered_on"])
        _touch(file)
    return advice


# --- Disclosure to externe casuspartners (art. 10.5) --------------------------------------------


def disclosure_register(
    file: CasusoverlegFile,
    *,
    by: User,
    recipient: Party,
    necessity: str,
    data_kinds: Iterable[str],
    consenting_parties: Iterable[Party],
    consent_note: str,
) -> Disclosure:
    """Art. 10.5: further personal data for an externe casuspartner only with (a) the necessity,
    (b) the kinds of data and (c) the consent of the convenant parties in this case, recorded
    before the data become visible to them. Refused (nothing recorded or shown) when any is missing."""
    kinds = _kinds(data_kinds)
    consenting = list(consenting_parties)
    if recipient.role != PartyRole.EXTERNE_CASUSPARTNER:
        raise ValidationError("Verstrekking volgens art. 10.5 geldt alleen voor externe casuspartners.")
    if not necessity.strip():
        raise ValidationError("Leg vast waarom de gegevens noodzakelijk zijn voor de bijdrage van deze partner.")
    if not kinds:
        raise ValidationError("Kies welke soorten gegevens worden verstrekt.")
    if not consent_note.strip():
        raise ValidationError("Leg vast hoe en wanneer de convenantspartijen toestemming gaven.")
    with _case_lock(file):
        file = _fresh(file)
        participants = list(CasusParticipant.objects.filter(file=file).select_related("party").order_by("party__name"))
        if recipient.pk not in {p.party_id for p in participants}:
            raise ValidationError("Deze externe casuspartner neemt niet deel aan dit casusoverleg.")
        required = {p.party_id: p.party.name for p in participants if p.party.role in CONVENANT_ROLES}
        missing = [name for pk, name in required.items() if pk not in {c.pk for c in consenting}]
        if not consenting or missing:
            raise ValidationError(
                "Zonder toestemming van alle convenantspartijen in dit casusoverleg worden geen gegevens "
                "verstrekt. Toestemming ontbreekt van: " + (", ".join(missing) or "alle partijen") + "."
            )
        if any(c.role not in CONVENANT_ROLES for c in consenting):
            raise ValidationError("Alleen convenantspartijen kunnen toestemming geven.")
        disclosure = Disclosure.objects.create(
            file=file,
            recipient=recipient,
            necessity=necessity.strip(),
            data_kinds=kinds,
            consent_note=consent_note.strip(),
            disclosed_by=by,
        )
        disclosure.consenting_parties.set(consenting)
        _touch(file)
    return disclosure


# The closure decision (art. 9.4) lives in ``casusoverleg.closure``; its services are part of this API.
from casusoverleg.closure import closure_decide, closure_propose, closure_take_effect  # noqa: E402, F401
