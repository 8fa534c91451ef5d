"""What the parties bring into a case and what leaves it (art. 6, 9.2, 9.5, 10.2f-g, 10.5).

The registers of a casusoverleg file: the persons around the subject, the parties' contributions
with their legal ground (art. 6), the requests for advice (art. 9.5) and the disclosures to externe
casuspartners with the consent of the convenant parties (art. 10.5).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casusoverleg.case import case_fresh, case_lock, case_touch
from casusoverleg.models import (
    AdviceRecipient,
    AdviceRequest,
    CasusoverlegFile,
    CasusParticipant,
    CasusPerson,
    DataContribution,
    DataKind,
    Disclosure,
    LegalGround,
    PersonKind,
)
from parties.models import Party, PartyKind, PartyRole

if TYPE_CHECKING:
    from accounts.models import User

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


def _contributing_party(by: User) -> tuple[Party, str]:
    ground = legal_ground_for(by.party)
    if ground is None:
        raise PermissionDenied("Uw organisatie heeft geen grondslag in artikel 6 om gegevens in te brengen.")
    return by.party, ground


# --- Persons, contributions (art. 6, 9.2, 10.2f-g) ----------------------------------------------


def person_add(file: CasusoverlegFile, *, by: User, kind: str, name: str, address: str, relevance: str) -> CasusPerson:
    """Art. 10.2f-g: an achterblijver or a person from the social network, with why they matter;
    recorded as the party's contribution with its legal ground (art. 6)."""
    if kind not in PersonKind.values:
        raise ValidationError("Kies: achterblijver of persoon uit het sociale netwerk.", code="soort_persoon_ongeldig")
    if not (name.strip() and address.strip() and relevance.strip()):
        raise ValidationError(
            "Vul naam, adres en de reden waarom deze persoon relevant is in.", code="persoon_onvolledig"
        )
    party, ground = _contributing_party(by)
    with case_lock(file):
        file = case_fresh(file)
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
        case_touch(file)
    return person


def contribution_add(file: CasusoverlegFile, *, by: User, subject_matter: str, content: str) -> DataContribution:
    """Art. 9.2: a participant shares relevant data in the casusoverleg, under its art. 6 ground."""
    if not subject_matter.strip() or not content.strip():
        raise ValidationError("Vul de soort gegevens en de gegevens zelf in.", code="bijdrage_onvolledig")
    party, ground = _contributing_party(by)
    with case_lock(file):
        file = case_fresh(file)
        contribution = DataContribution.objects.create(
            file=file,
            party=party,
            legal_ground=ground,
            subject_matter=subject_matter.strip(),
            content=content.strip(),
            contributed_by=by,
        )
        case_touch(file)
    return contribution


# --- Advice (art. 9.5) -----------------------------------------------------------------------------


def _kinds(data_kinds: Iterable[str]) -> list[str]:
    kinds = list(dict.fromkeys(data_kinds))
    if any(k not in DataKind.values for k in kinds):
        raise ValidationError("Kies de soorten gegevens uit de lijst.", code="soort_gegevens_ongeldig")
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
        raise ValidationError("Kies de NCTV of een andere deskundige.", code="adviseur_ongeldig")
    if not recipient_name.strip() or not question.strip():
        raise ValidationError("Vul de adviseur en de vraag in.", code="adviesvraag_onvolledig")
    if requested_on > timezone.localdate():
        raise ValidationError("De datum van de aanvraag kan niet in de toekomst liggen.", code="datum_toekomst")
    kinds = _kinds(data_kinds)
    if personal_data_shared and (not kinds or not sharing_reason.strip()):
        raise ValidationError(
            "Geef aan welke soorten persoonsgegevens zijn gedeeld en waarom dat nodig was.",
            code="deling_onvolledig",
        )
    if not personal_data_shared:
        kinds, sharing_reason = [], ""
    with case_lock(file):
        file = case_fresh(file)
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
        case_touch(file)
    return advice


def advice_answer_record(advice: AdviceRequest, *, by: User, answer: str, answered_on: datetime.date) -> AdviceRequest:
    if not answer.strip():
        raise ValidationError("Vul het antwoord van de adviseur in.", code="antwoord_ontbreekt")
    if answered_on > timezone.localdate() or answered_on < advice.requested_on:
        raise ValidationError(
            "De datum van het antwoord ligt tussen de aanvraag en vandaag.", code="datum_antwoord_ongeldig"
        )
    with case_lock(advice.file):
        file = case_fresh(advice.file)
        advice.answer = answer.strip()
        advice.answered_on = answered_on
        advice.save(update_fields=["answer", "answered_on"])
        case_touch(file)
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
        raise ValidationError(
            "Verstrekking volgens art. 10.5 geldt alleen voor externe casuspartners.", code="geen_externe_partner"
        )
    if not necessity.strip():
        raise ValidationError(
            "Leg vast waarom de gegevens noodzakelijk zijn voor de bijdrage van deze partner.",
            code="noodzaak_ontbreekt",
        )
    if not kinds:
        raise ValidationError("Kies welke soorten gegevens worden verstrekt.", code="soort_gegevens_ontbreekt")
    if not consent_note.strip():
        raise ValidationError(
            "Leg vast hoe en wanneer de convenantspartijen toestemming gaven.", code="toestemming_niet_vastgelegd"
        )
    with case_lock(file):
        file = case_fresh(file)
        participants = list(CasusParticipant.objects.filter(file=file).select_related("party").order_by("party__name"))
        if recipient.pk not in {p.party_id for p in participants}:
            raise ValidationError(
                "Deze externe casuspartner neemt niet deel aan dit casusoverleg.", code="partner_geen_deelnemer"
            )
        required = {p.party_id: p.party.name for p in participants if p.party.role in CONVENANT_ROLES}
        missing = [name for pk, name in required.items() if pk not in {c.pk for c in consenting}]
        if not consenting or missing:
            raise ValidationError(
                "Zonder toestemming van alle convenantspartijen in dit casusoverleg worden geen gegevens "
                "verstrekt. Toestemming ontbreekt van: " + (", ".join(missing) or "alle partijen") + ".",
                code="toestemming_ontbreekt",
            )
        if any(c.role not in CONVENANT_ROLES for c in consenting):
            raise ValidationError("Alleen convenantspartijen kunnen toestemming geven.", code="toestemming_ongeldig")
        disclosure = Disclosure.objects.create(
            file=file,
            recipient=recipient,
            necessity=necessity.strip(),
            data_kinds=kinds,
            consent_note=consent_note.strip(),
            disclosed_by=by,
        )
        disclosure.consenting_parties.set(consenting)
        case_touch(file)
    return disclosure
