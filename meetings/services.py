"""Business logic of meetings and of the one rule for collective decisions (issue 14 item 5 and
issue 13 item 8 as one rule; art. 7.4, 9.4).

A weegploeg decision and a closure of the plan need either

(a) a meeting of the right kind, held (not in the future), with at least
    ``MEETING_QUORUM_KERNPARTIJEN`` kernpartijen present, this file on its agenda and the decider
    among those present; the decision is recorded as the meeting's, with the attendance; or
(b) confirmation by a second person, of another kernpartij, who may take this decision too — by
    that person's own act on their own screen (``meetings.proposals``: propose, confirm, reject).

Whoever supplied information for the file (answered its information request) does not weigh it
alone: they can be neither the deciding person nor the confirming one under (b).
Every refusal is a Dutch ``ValidationError`` with a ``code``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    CollectiveDecision,
    DecisionBasis,
    DecisionKind,
    DecisionProposal,
    Meeting,
    MeetingKind,
    ProposalStatus,
)
from meetings.subjects import meeting_subject
from parties.models import Party, PartyRole

if TYPE_CHECKING:
    from accounts.models import User

MEETING_FOR_DECISION = {
    DecisionKind.WEEGPLOEG: MeetingKind.WEEGPLOEG,
    DecisionKind.AFSLUITING: MeetingKind.CASUSOVERLEG,
}


def meeting_quorum() -> int:
    """How many kernpartijen must be present for a meeting decision (``MEETING_QUORUM_KERNPARTIJEN``)."""
    return max(2, settings.MEETING_QUORUM_KERNPARTIJEN)


# --- Meetings --------------------------------------------------------------------------------------


def meeting_create(*, by: User, kind: str, held_on: datetime.date) -> Meeting:
    if kind not in MeetingKind.values:
        raise ValidationError("Kies het soort overleg.", code="soort_ongeldig")
    return Meeting.objects.create(kind=kind, held_on=held_on, created_by=by)


def _is_eligible_attendee(user: User) -> bool:
    party = getattr(user, "party", None)
    return user.is_active and party is not None and party.is_participating()


@transaction.atomic
def meeting_attendance_record(
    meeting: Meeting, *, by: User, parties: Iterable[Party], users: Iterable[User]
) -> Meeting:
    """Which parties were present and which users. A user's party counts as present."""
    users = list(users)
    if any(not _is_eligible_attendee(user) for user in users):
        raise ValidationError(
            "Alleen actieve gebruikers van een deelnemende partij kunnen aanwezig zijn.", code="aanwezige_ongeldig"
        )
    party_list = list(parties)
    if any(not party.is_participating() for party in party_list):
        raise ValidationError("Alleen deelnemende partijen kunnen aanwezig zijn.", code="partij_ongeldig")
    party_ids = {party.pk for party in party_list} | {user.party_id for user in users}
    meeting.parties_present.set(Party.objects.filter(pk__in=party_ids))
    meeting.attendees.set(users)
    return meeting


def _file_by_number(kind: str, number: str):
    """The active file a meeting of ``kind`` may put on its agenda (archived files are out, art. 13.2)."""
    file = meeting_subject(kind).file((number or "").strip().upper())
    return file if file is not None and file.archived_at is None else None


def meeting_agenda_add(meeting: Meeting, *, by: User, number: str) -> AgendaItem:
    """Put a file on the agenda by its (pseudonymous) number: a weegploeg file on a weegploegoverleg,
    a casusoverleg file on a casusoverleg."""
    file = _file_by_number(meeting.kind, number)
    if file is None:
        raise ValidationError(
            "Er is geen actief dossier met dit nummer voor dit soort overleg.", code="dossier_onbekend"
        )
    key = "weegploeg_file" if meeting.kind == MeetingKind.WEEGPLOEG else "casus_file"
    if meeting.agenda_items.filter(**{key: file}).exists():
        raise ValidationError("Dit dossier staat al op de agenda.", code="al_geagendeerd")
    return AgendaItem.objects.create(meeting=meeting, added_by=by, **{key: file})


def meeting_agenda_remove(meeting: Meeting, *, by: User, item_id: int) -> None:
    if meeting.decisions.exists():
        raise ValidationError(
            "Er is al een besluit van dit overleg vastgelegd; de agenda ligt vast.", code="agenda_vast"
        )
    meeting.agenda_items.filter(pk=item_id).delete()


def kernpartijen_present(meeting: Meeting) -> list[Party]:
    return list(meeting.parties_present.filter(role=PartyRole.KERNPARTIJ))


def meetings_for_decision(kind: str, file) -> list[Meeting]:
    """Held meetings of the right kind with this file on the agenda (what the task screen offers)."""
    key = "agenda_items__weegploeg_file" if kind == DecisionKind.WEEGPLOEG else "agenda_items__casus_file"
    return list(
        Meeting.objects.filter(kind=MEETING_FOR_DECISION[kind], held_on__lte=timezone.localdate(), **{key: file})
        .distinct()
        .order_by("-held_on", "-pk")
    )


# --- The one rule for collective decisions ---------------------------------------------------------


@dataclass
class DecisionAuthority:
    """The checked basis of a decision, kept until the decision itself is recorded."""

    kind: str
    basis: str
    file_number: str
    decided_by: User
    meeting: Meeting | None = None
    confirmed_by: User | None = None
    parties: list[Party] = field(default_factory=list)
    participants: list[User] = field(default_factory=list)


def information_suppliers(weegploeg_file) -> set[int]:
    """The users who answered an information request of this weegploeg file (art. 7.4)."""
    if weegploeg_file is None:
        return set()
    return set(
        weegploeg_file.information_requests.filter(answered_by__isnull=False).values_list("answered_by_id", flat=True)
    )


def decision_authority_check(
    *,
    kind: str,
    file,
    by: User,
    meeting: Meeting | None = None,
) -> DecisionAuthority:
    """The one rule (art. 7.4, 9.4) at the moment a decision is recorded at once: a meeting decision
    with quorum. Without a meeting the decision is a proposal that a second person of another
    kernpartij confirms by their own act (``meetings.proposals``)."""
    if DecisionProposal.objects.filter(kind=kind, file_number=file.number, status=ProposalStatus.PENDING).exists():
        raise ValidationError(
            "Er wacht al een besluit over dit dossier op bevestiging door een collega van een andere kernpartij; "
            "laat dat eerst bevestigen of afwijzen.",
            code="voorstel_wacht_al",
        )
    if meeting is not None:
        return _meeting_basis(kind, file, by, meeting)
    raise ValidationError(
        "Dit besluit kan niet door één persoon worden genomen. Kies het overleg (met ten minste "
        f"{meeting_quorum()} kernpartijen aanwezig) waarin het is besloten, of leg het besluit voor ter "
        "bevestiging door een collega van een andere kernpartij.",
        code="quorum_ontbreekt",
    )


def _meeting_basis(kind: str, file, by: User, meeting: Meeting) -> DecisionAuthority:
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.kind != MEETING_FOR_DECISION[kind]:
        raise ValidationError("Dit overleg is niet van het juiste soort voor dit besluit.", code="overleg_soort")
    if meeting.held_on > timezone.localdate():
        raise ValidationError("Dit overleg heeft nog niet plaatsgevonden.", code="overleg_toekomst")
    key = "weegploeg_file" if kind == DecisionKind.WEEGPLOEG else "casus_file"
    if not meeting.agenda_items.filter(**{key: file}).exists():
        raise ValidationError("Dit dossier stond niet op de agenda van het gekozen overleg.", code="niet_geagendeerd")
    kern = kernpartijen_present(meeting)
    if len(kern) < meeting_quorum():
        raise ValidationError(
            f"Bij het gekozen overleg waren {len(kern)} kernpartijen aanwezig; voor een besluit zijn er ten "
            f"minste {meeting_quorum()} nodig.",
            code="quorum_niet_gehaald",
        )
    attendees = list(meeting.attendees.all())
    if by.pk not in {user.pk for user in attendees}:
        raise ValidationError(
            "U staat niet op de presentielijst van het gekozen overleg; leg eerst de aanwezigheid vast.",
            code="besluiter_niet_aanwezig",
        )
    return DecisionAuthority(
        kind=kind,
        basis=DecisionBasis.MEETING,
        file_number=file.number,
        decided_by=by,
        meeting=meeting,
        parties=list(meeting.parties_present.all()),
        participants=attendees,
    )


def _four_eyes_basis(kind, file, by, confirmed_by, may_decide, suppliers) -> DecisionAuthority:
    if confirmed_by.pk == by.pk:
        raise ValidationError("U kunt uw eigen besluit niet bevestigen.", code="bevestiger_is_besluiter")
    if by.pk in suppliers:
        raise ValidationError(
            "U hebt informatie voor dit dossier aangeleverd en kunt er daarom niet met alleen een bevestiging over "
            "besluiten. Leg het besluit vast als besluit van een overleg, of laat een ander besluiten.",
            code="besluiter_leverde_informatie",
        )
    if confirmed_by.pk in suppliers:
        raise ValidationError(
            "De gekozen collega heeft informatie voor dit dossier aangeleverd en kan het besluit niet bevestigen.",
            code="bevestiger_leverde_informatie",
        )
    if not may_decide.test(confirmed_by):
        raise ValidationError(
            "De gekozen collega mag dit besluit niet nemen en kan het dus ook niet bevestigen.",
            code="bevestiger_onbevoegd",
        )
    if by.party_id is None or confirmed_by.party_id == by.party_id:
        raise ValidationError(
            "De bevestiging moet komen van iemand van een andere kernpartij dan die van de besluiter.",
            code="bevestiger_zelfde_partij",
        )
    return DecisionAuthority(
        kind=kind,
        basis=DecisionBasis.FOUR_EYES,
        file_number=file.number,
        decided_by=by,
        confirmed_by=confirmed_by,
        parties=[by.party, confirmed_by.party],
        participants=[by, confirmed_by],
    )


def collective_decision_record(authority: DecisionAuthority, *, decision) -> CollectiveDecision:
    """Record the decision with its basis: the meeting and its attendance, or the two persons."""
    link = "weegploeg_decision" if authority.kind == DecisionKind.WEEGPLOEG else "closure_decision"
    record = CollectiveDecision.objects.create(
        kind=authority.kind,
        basis=authority.basis,
        file_number=authority.file_number,
        meeting=authority.meeting,
        decided_by=authority.decided_by,
        confirmed_by=authority.confirmed_by,
        **{link: decision},
    )
    record.parties_present.set(authority.parties)
    record.participants.set(authority.participants)
    return record
