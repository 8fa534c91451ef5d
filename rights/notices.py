"""Art. 12.6: the notices of a correction. Every party that received or supplied the subject's
data is told which files and which kinds of data changed (never the values), through the mail
outbox in the correction's own transaction. A party nobody can be reached at is an error for the
uitvoerder: the correction waits until the party can be told."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.roles import Role
from casusoverleg.models import (
    CasusoverlegFile,
    CasusParticipant,
    CasusPerson,
    CasusSignal,
    DataContribution,
    Disclosure,
)
from outbox.services import mail_queue
from parties.models import Party
from rights.models import CorrectionNotice, RightsRequest
from weegploeg.models import Decision, InformationRequest, Signal


def participating_parties(weegploeg_numbers: Iterable[str]):
    """Art. 12.6: every party that received or supplied the subject's data: the bringing parties,
    parties that answered an information request, the parties the weegploeg involved, the
    casusoverleg participants and involved parties, parties that contributed data or persons, and
    the recipients in the disclosure register (art. 10.5)."""
    numbers = list(weegploeg_numbers)
    ids = set(Signal.objects.filter(file__number__in=numbers).values_list("bringing_party_id", flat=True))
    ids |= set(
        InformationRequest.objects.filter(file__number__in=numbers)
        .exclude(answered_at=None)
        .values_list("party_id", flat=True)
    )
    ids |= set(
        Decision.objects.filter(file__number__in=numbers)
        .exclude(involved_parties=None)
        .values_list("involved_parties", flat=True)
    )
    casus = {"file__source_weegploeg_number__in": numbers}
    ids |= set(CasusParticipant.objects.filter(**casus).values_list("party_id", flat=True))
    ids |= set(CasusSignal.objects.filter(**casus).values_list("bringing_party_id", flat=True))
    ids |= set(DataContribution.objects.filter(**casus).values_list("party_id", flat=True))
    ids |= set(CasusPerson.objects.filter(**casus).values_list("contributed_by_id", flat=True))
    ids |= set(Disclosure.objects.filter(**casus).values_list("recipient_id", flat=True))
    ids |= set(
        CasusoverlegFile.objects.filter(source_weegploeg_number__in=numbers)
        .exclude(involved_parties=None)
        .values_list("involved_parties", flat=True)
    )
    return list(Party.objects.filter(pk__in=ids).order_by("name"))


NO_NOTICE_RECIPIENT = "kennisgeving_zonder_ontvanger"


def notice_addresses(party) -> list[str]:
    """Art. 12.6: where a party's notice goes. Parties have no functional mail address in the
    registry, so: the party's active users with a role that handles case data; failing those, any
    active user of the party with an address."""
    roles = [
        r.group_name
        for r in (
            Role.MELDER,
            Role.WEEGPLOEGLID,
            Role.CASUSOVERLEG_DEELNEMER,
            Role.UITVOERDER,
            Role.EXTERNE_CASUSPARTNER,
        )
    ]
    users = User.objects.filter(party=party, is_active=True).exclude(email="")
    addresses = sorted(set(users.filter(groups__name__in=roles).values_list("email", flat=True)))
    return addresses or sorted(set(users.values_list("email", flat=True)))


def correction_notice_recipients(request: RightsRequest) -> list[tuple[object, list[str]]]:
    """Art. 12.6: each party to notify with its addresses. A party nobody can be reached at is an
    error for the uitvoerder (Dutch ``ValidationError``, code ``kennisgeving_zonder_ontvanger``),
    never a silent notice to no one."""
    plan = [(party, notice_addresses(party)) for party in participating_parties([request.weegploeg_number])]
    unreachable = [party.name for party, addresses in plan if not addresses]
    if unreachable:
        raise ValidationError(
            f"De kennisgeving van correctie (art. 12.6) kan niet worden bezorgd bij: {', '.join(unreachable)}. "
            "Deze partij heeft geen actieve gebruiker met een e-mailadres. Laat de functioneel beheerder dat "
            "vastleggen en voer de correctie daarna uit; er is nog niets gewijzigd.",
            code=NO_NOTICE_RECIPIENT,
        )
    return plan


def correction_notices_queue(
    request: RightsRequest, file_numbers: list[str], labels: list[str]
) -> list[CorrectionNotice]:
    """The notice names the files and the kinds of data that changed, never the old (or new) values.
    It is queued in the outbox in the correction's own transaction (sent by ``outbox_send``); a
    party without a recipient rolls the whole correction back."""
    notices = []
    body = (
        "Kennisgeving van correctie (art. 12.6 convenant)\n\n"
        f"Naar aanleiding van verzoek {request.number} zijn in de dossiers {', '.join(file_numbers)} de volgende "
        f"gegevens van de betrokkene gecorrigeerd: {', '.join(labels)}.\n\n"
        "Pas de gegevens in uw eigen administratie aan als u ze daar ook vastlegt. De gecorrigeerde gegevens "
        "staan in het dossier in de werkomgeving."
    )
    for party, addresses in correction_notice_recipients(request):
        mail_queue(
            subject=f"Kennisgeving van correctie {request.number}",
            body=body,
            to=addresses,
            dedupe_key=f"correctie:{request.number}:{party.pk}",
        )
        notices.append(
            CorrectionNotice.objects.create(
                request=request,
                party=party,
                file_numbers=file_numbers,
                changed_fields=labels,
                recipients=len(addresses),
            )
        )
    return notices
