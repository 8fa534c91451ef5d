"""Inzage (art. 12.3-4): the overview was handed over, or inzage was refused wholly or partly on an
art. 41 UAVG ground with a reasoned letter; a deferred information duty is not undone by it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone

from rights.deferral import deferral_inzage_check
from rights.models import InzageDecision, OverviewSection, RequestStatus, RightsRequest
from weegploeg.models import Art41Ground


def inzage_answer(
    request: RightsRequest,
    *,
    decision: str,
    answered_on: datetime.date,
    ground: str = "",
    motivation: str = "",
    withheld_sections: Iterable[str] = (),
) -> RightsRequest:
    """Art. 12.3-4: the overview was handed over, or inzage was refused (wholly or partly) on an
    art. 41 UAVG ground with a reasoned letter."""
    if request.status != RequestStatus.INZAGE:
        raise ValidationError("Dit verzoek wacht niet op een besluit over inzage.", code="geen_inzage_open")
    if decision not in InzageDecision.values:
        raise ValidationError("Kies: inzage verstrekt, gedeeltelijk geweigerd of geweigerd.", code="besluit_ongeldig")
    if answered_on > timezone.localdate() or answered_on < request.identity_established_on:
        raise ValidationError(
            "De datum van beantwoording ligt tussen de vaststelling van de identiteit en vandaag.",
            code="datum_ongeldig",
        )
    withheld = list(dict.fromkeys(withheld_sections))
    if any(s not in OverviewSection.values for s in withheld):
        raise ValidationError("Kies de geweigerde onderdelen uit de lijst.", code="onderdeel_ongeldig")
    # Art. 11.4, 12.4: a deferred information duty is not undone by an inzage (rights/deferral.py).
    deferred = deferral_inzage_check(request, decision)
    if decision == InzageDecision.VERSTREKT:
        ground, motivation, withheld = "", "", []
    else:
        if ground not in Art41Ground.values:
            raise ValidationError("Kies de weigeringsgrond uit artikel 41 UAVG.", code="grond_ontbreekt")
        if not motivation.strip():
            raise ValidationError(
                "Motiveer de weigering: de betrokkene ontvangt een gemotiveerde afwijzing (art. 12.4).",
                code="motivering_ontbreekt",
            )
        if decision == InzageDecision.DEELS_GEWEIGERD and not withheld and not deferred:
            raise ValidationError(
                "Kies welke onderdelen van het overzicht worden geweigerd.", code="onderdelen_ontbreken"
            )
        if decision == InzageDecision.GEWEIGERD:
            withheld = list(OverviewSection.values)
    request.inzage_decision = decision
    request.inzage_answered_on = answered_on
    request.refusal_ground = ground
    request.refusal_motivation = motivation.strip()
    request.withheld_sections = withheld
    request.status = RequestStatus.CORRECTIE_BESLUIT if request.wants_correctie else RequestStatus.AFGEROND
    request.save(
        update_fields=[
            "inzage_decision",
            "inzage_answered_on",
            "refusal_ground",
            "refusal_motivation",
            "withheld_sections",
            "status",
        ]
    )
    return request
