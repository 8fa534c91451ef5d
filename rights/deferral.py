"""Art. 11.4 and 12.4: an inzage must not undo a deferred information duty.

While the information duty for a subject's weegploeg file is deferred on an art. 41 UAVG ground
(weegploeg ``InformationDuty`` with outcome DEFER and no ``informed_on``), every item of the inzage
overview from that file — and from the casusoverleg file agendered from it — is covered by the
deferral. An item is a file, a kind of data and, where the data are one party's information, that
party (signals, supplied information and contributions per party; the analysis, the decision and
the plan per file). Before the overview may be issued, the uitvoerder records per item whether the
ground still applies after consulting the party concerned (``DeferredItemAssessment``). Items that
stay covered are left out of the overview and named by kind (never by content or source) in the
reasoned refusal (art. 12.4); ``rights.services.inzage.inzage_answer`` refuses while an item is open.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casusoverleg.models import CasusoverlegFile
from parties.models import Party, PartyRole
from rights.models import (
    DeferredFileKind,
    DeferredItemAssessment,
    DeferredItemKind,
    FollowUpCheck,
    InzageDecision,
    RequestStatus,
    RightsRequest,
)
from rights.selectors.overview import subject_overview
from weegploeg.models import Art41Ground, DutyOutcome, InformationDuty

if TYPE_CHECKING:
    from accounts.models import User
    from rights.selectors.overview import SubjectOverview

WEEGPLOEG = DeferredFileKind.WEEGPLOEG
CASUSOVERLEG = DeferredFileKind.CASUSOVERLEG
# Which kinds are one party's information (the party concerned is that party).
PARTY_KINDS = {DeferredItemKind.SIGNALS, DeferredItemKind.SUPPLIED, DeferredItemKind.CONTRIBUTIONS}


@dataclasses.dataclass(frozen=True)
class DeferralItem:
    """One item of the overview covered by a deferred information duty, with its assessment (if any)."""

    file_kind: str
    file_number: str
    kind: str
    party_id: int | None
    party_name: str
    ground: str  # the art. 41 UAVG ground (code) of the deferral
    ground_label: str
    assessment: DeferredItemAssessment | None = None

    @property
    def key(self) -> str:
        return f"{self.file_number}|{self.kind}|{self.party_id or ''}"

    @property
    def label(self) -> str:
        """For the uitvoerder's screen: file, kind and party (no content)."""
        party = f" van {self.party_name}" if self.party_name else ""
        return f"{self.file_number}: {DeferredItemKind(self.kind).label}{party}"

    @property
    def public_label(self) -> str:
        """For the letter to the subject: the kind of data and the file kind, never the source."""
        return public_label(self.file_kind, self.kind)

    @property
    def open(self) -> bool:
        return self.assessment is None

    @property
    def withheld(self) -> bool:
        return self.assessment is not None and self.assessment.still_applies


def public_label(file_kind: str, kind: str) -> str:
    return f"{DeferredItemKind(kind).label} in {DeferredFileKind(file_kind).label}"


def deferred_duties(rights_request: RightsRequest) -> dict[str, object]:
    """The deferred, not yet fulfilled information duties of the subject's weegploeg files, by number."""
    if rights_request.subject_id is None:
        return {}
    duties = (
        InformationDuty.objects.filter(
            file__subject_id=rights_request.subject_id, outcome=DutyOutcome.DEFER, informed_on__isnull=True
        )
        .exclude(follow_up__informed_on__isnull=False)
        .select_related("file")
    )
    return {duty.file.number: duty for duty in duties}


def _current_ground(duty) -> str:
    """The ground recorded last: the latest re-check in which it remained, else the weegploeg's."""
    check = (
        FollowUpCheck.objects.filter(follow_up__duty=duty, ground_remains=True)
        .exclude(ground="")
        .order_by("-checked_on", "-pk")
        .first()
    )
    return check.ground if check is not None else duty.ground


def _parties_by_name(names: set[str]) -> dict[str, Party]:
    return {p.name: p for p in Party.objects.filter(name__in=names)}


def deferral_items(rights_request: RightsRequest, overview: SubjectOverview | None = None) -> list[DeferralItem]:
    """Every item of the overview covered by a deferred information duty, with its assessment."""
    duties = deferred_duties(rights_request)
    if not duties:
        return []
    overview = overview if overview is not None else subject_overview(rights_request.subject)
    grounds = {number: _current_ground(duty) for number, duty in duties.items()}
    casus_source = dict(
        CasusoverlegFile.objects.filter(number__in=[c["number"] for c in overview.casus_files]).values_list(
            "number", "source_weegploeg_number"
        )
    )
    raw: list[tuple[str, str, str, str, str]] = []  # (file kind, number, kind, party name, ground)
    for f in overview.weegploeg_files:
        ground = grounds.get(f["number"])
        if ground is None:
            continue
        for name in dict.fromkeys(s["party"] for s in f["signals"]):
            raw.append((WEEGPLOEG, f["number"], DeferredItemKind.SIGNALS, name, ground))
        for name in dict.fromkeys(s["party"] for s in f["supplied"]):
            raw.append((WEEGPLOEG, f["number"], DeferredItemKind.SUPPLIED, name, ground))
        if f["analyses"]:
            raw.append((WEEGPLOEG, f["number"], DeferredItemKind.ANALYSIS, "", ground))
        if f["decision"] or f["plan_closed_on"]:
            raw.append((WEEGPLOEG, f["number"], DeferredItemKind.DECISION, "", ground))
    for c in overview.casus_files:
        ground = grounds.get(casus_source.get(c["number"], ""))
        if ground is None:
            continue
        for name in dict.fromkeys(s["party"] for s in c["signals"]):
            raw.append((CASUSOVERLEG, c["number"], DeferredItemKind.SIGNALS, name, ground))
        if c["analysis"]:
            raw.append((CASUSOVERLEG, c["number"], DeferredItemKind.ANALYSIS, "", ground))
        if c["plans"] or c["reviews"] or c["closed_on"]:
            raw.append((CASUSOVERLEG, c["number"], DeferredItemKind.PLAN, "", ground))
        for name in dict.fromkeys(i["party"] for i in c["contributions"]):
            raw.append((CASUSOVERLEG, c["number"], DeferredItemKind.CONTRIBUTIONS, name, ground))
    parties = _parties_by_name({name for *_, name, _ in raw if name})
    assessments = {
        (a.file_number, a.kind, a.party_id): a
        for a in DeferredItemAssessment.objects.filter(request=rights_request).select_related(
            "consulted_party", "assessed_by"
        )
    }
    items = []
    for file_kind, number, kind, name, ground in raw:
        party_id = parties[name].pk if name in parties else None
        items.append(
            DeferralItem(
                file_kind=file_kind,
                file_number=number,
                kind=kind,
                party_id=party_id,
                party_name=name,
                ground=ground,
                ground_label=Art41Ground(ground).label if ground in Art41Ground.values else "",
                assessment=assessments.get((number, kind, party_id)),
            )
        )
    return items


def deferral_open(items: list[DeferralItem]) -> list[DeferralItem]:
    return [i for i in items if i.open]


def deferral_withheld(items: list[DeferralItem]) -> list[DeferralItem]:
    return [i for i in items if i.withheld]


def deferral_public_labels(rights_request: RightsRequest) -> list[tuple[str, str]]:
    """(what, art. 41 ground) for the refusal letter, once each, from the recorded assessments that
    the ground still applies: the kind of data and the file kind, never content or source."""
    rows = DeferredItemAssessment.objects.filter(request=rights_request, still_applies=True).order_by(
        "file_kind", "file_number", "kind", "pk"
    )
    return list(
        dict.fromkeys(
            (public_label(a.file_kind, a.kind), Art41Ground(a.ground).label if a.ground else "") for a in rows
        )
    )


@transaction.atomic
def deferral_item_assess(
    rights_request: RightsRequest,
    *,
    by: User,
    item_key: str,
    consulted_party: Party | None,
    consulted_on: datetime.date | None,
    still_applies: bool | None,
    reasoning: str,
) -> DeferredItemAssessment:
    """Art. 11.4, 12.4: record for one covered item whether the art. 41 UAVG ground still applies,
    after consulting the party whose information it is (for the analysis, decision and plan: a
    kernpartij). A later assessment of the same item replaces the earlier one until inzage is answered."""
    rights_request = RightsRequest.objects.select_for_update().get(pk=rights_request.pk)
    if rights_request.status != RequestStatus.INZAGE:
        raise ValidationError(
            "Dit verzoek wacht niet op een besluit over inzage: de beoordeling kan niet meer worden gewijzigd.",
            code="deferral_not_open",
        )
    item = next((i for i in deferral_items(rights_request) if i.key == item_key), None)
    if item is None:
        raise ValidationError("Kies een onderdeel uit de lijst van onderdelen onder het uitstel.", code="deferral_item")
    if consulted_party is None:
        raise ValidationError("Kies de partij die is geraadpleegd.", code="deferral_consulted")
    if item.party_id is not None and consulted_party.pk != item.party_id:
        raise ValidationError(
            f"Raadpleeg de partij van wie deze gegevens zijn: {item.party_name} (art. 11.3).",
            code="deferral_consulted",
        )
    if item.party_id is None and consulted_party.role != PartyRole.KERNPARTIJ:
        raise ValidationError("Raadpleeg voor dit onderdeel een kernpartij (art. 11.3).", code="deferral_consulted")
    if consulted_on is None or consulted_on > timezone.localdate() or consulted_on < rights_request.received_on:
        raise ValidationError(
            "De datum van het overleg ligt tussen de ontvangst van het verzoek en vandaag.", code="deferral_date"
        )
    if still_applies is None:
        raise ValidationError("Geef aan of de grond uit artikel 41 UAVG nog bestaat.", code="deferral_answer")
    if not (reasoning or "").strip():
        raise ValidationError("Motiveer de beoordeling (art. 11.4, 12.4).", code="deferral_reasoning")
    assessment, _ = DeferredItemAssessment.objects.update_or_create(
        request=rights_request,
        file_number=item.file_number,
        kind=item.kind,
        party_id=item.party_id,
        defaults={
            "file_kind": item.file_kind,
            "ground": item.ground,
            "consulted_party": consulted_party,
            "consulted_on": consulted_on,
            "still_applies": still_applies,
            "reasoning": reasoning.strip(),
            "assessed_by": by,
            "assessed_at": timezone.now(),
        },
    )
    return assessment


def deferral_inzage_check(rights_request: RightsRequest, decision: str) -> list[DeferralItem]:
    """Art. 11.4, 12.4: inzage cannot be answered while a covered item has no assessment, nor given in
    full while an item stays covered. Returns the items that stay covered."""
    items = deferral_items(rights_request)
    if deferral_open(items):
        raise ValidationError(
            "De informatieplicht voor deze betrokkene is uitgesteld (art. 11.4). Beoordeel eerst per onderdeel, "
            "na overleg met de betrokken partij, of de grond uit artikel 41 UAVG nog bestaat.",
            code="deferral_unassessed",
        )
    withheld = deferral_withheld(items)
    if withheld and decision == InzageDecision.VERSTREKT:
        raise ValidationError(
            "Een deel van de gegevens valt nog onder het uitstel van de informatieplicht: kies ‘gedeeltelijk "
            "geweigerd’ of ‘geweigerd’ en motiveer de weigering (art. 12.4).",
            code="deferral_withheld",
        )
    return withheld


def overview_without_withheld(overview: SubjectOverview, items: list[DeferralItem]) -> SubjectOverview:
    """The overview without the items that stay covered; each file notes which kinds are left out,
    and a party whose every item is left out is no longer named as a source."""
    withheld = deferral_withheld(items)
    if not withheld:
        return overview
    out = copy.deepcopy(overview)
    gone = {(i.file_number, i.kind, i.party_name) for i in withheld}
    kept_sources: set[str] = set()

    def keep(number: str, kind: str, name: str = "") -> bool:
        return (number, kind, name) not in gone

    for f in out.weegploeg_files:
        n = f["number"]
        f["signals"] = [s for s in f["signals"] if keep(n, DeferredItemKind.SIGNALS, s["party"])]
        f["supplied"] = [s for s in f["supplied"] if keep(n, DeferredItemKind.SUPPLIED, s["party"])]
        if not keep(n, DeferredItemKind.ANALYSIS):
            f["analyses"] = []
        if not keep(n, DeferredItemKind.DECISION):
            f["decision"], f["plan_closed_on"], f["plan_closed_note"] = None, None, ""
        kept_sources.update(s["party"] for s in f["signals"] + f["supplied"])
    for c in out.casus_files:
        n = c["number"]
        c["signals"] = [s for s in c["signals"] if keep(n, DeferredItemKind.SIGNALS, s["party"])]
        if not keep(n, DeferredItemKind.ANALYSIS):
            c["analysis"] = ""
        if not keep(n, DeferredItemKind.PLAN):
            c["plans"], c["reviews"], c["closed_on"], c["closure_note"] = [], [], None, ""
        c["contributions"] = [i for i in c["contributions"] if keep(n, DeferredItemKind.CONTRIBUTIONS, i["party"])]
        kept_sources.update(s["party"] for s in c["signals"] + c["contributions"])
    for f in [*out.weegploeg_files, *out.casus_files]:
        kinds = list(dict.fromkeys(i.kind for i in withheld if i.file_number == f["number"]))
        f["withheld_kinds"] = kinds
        f["withheld_labels"] = [DeferredItemKind(k).label for k in kinds]
    only_withheld = {i.party_name for i in withheld if i.party_name} - kept_sources
    out.sources = [s for s in out.sources if s not in only_withheld]
    return out
