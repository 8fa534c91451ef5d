"""Agendering (art. 8.5, 9.1, 10.2): opening a casusoverleg file from the weegploeg, and who takes part.

The relevant data of an agendered weegploeg file are copied (never moved) into a new casusoverleg
file; the participants are the bringing parties, the subject's municipality and the parties the
weegploeg chose, and the casusoverleg may add a party the plan needs (art. 9.1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casusoverleg.case import case_fresh, case_lock, case_touch
from casusoverleg.models import (
    CasusoverlegFile,
    CasusParticipant,
    CasusSignal,
    CasusSubject,
    DataContribution,
    ParticipantSource,
)
from casusoverleg.registers import legal_ground_for
from casusoverleg.review import review_interval_default
from core.numbering import file_number_next
from core.processes import ProcessKind, process_start
from core.subject import SUBJECT_FIELDS
from parties.models import Party, PartyKind, PartyRole
from weegploeg.services import subject_data_write

if TYPE_CHECKING:
    from accounts.models import User
    from weegploeg.models import WeegploegFile


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
    process = process_start(ProcessKind.CASUSOVERLEG, file=casus)
    casus.process_id = process.pk
    casus.save(update_fields=["process"])
    # The weegploeg file records where its data went (art. 8.5); it never looks into this app.
    type(weegploeg_file).objects.filter(pk=weegploeg_file.pk).update(casusoverleg_number=casus.number)
    return casus


def participant_add(file: CasusoverlegFile, *, by: User, party: Party, reason: str) -> CasusParticipant:
    """Art. 9.1: the casusoverleg adds a party or externe casuspartner the plan needs, with the reason."""
    if not reason.strip():
        raise ValidationError("Geef aan waarom deze partij moet deelnemen.", code="reden_ontbreekt")
    if not party.is_participating() and party.role != PartyRole.EXTERNE_CASUSPARTNER:
        raise ValidationError("Deze partij neemt niet (meer) deel aan het convenant.", code="partij_neemt_niet_deel")
    with case_lock(file):
        file = case_fresh(file)
        if CasusParticipant.objects.filter(file=file, party=party).exists():
            raise ValidationError("Deze partij neemt al deel aan het casusoverleg.", code="al_deelnemer")
        participant = CasusParticipant.objects.create(
            file=file, party=party, source=ParticipantSource.CASUSOVERLEG, reason=reason.strip(), added_by=by
        )
        case_touch(file)
    return participant
