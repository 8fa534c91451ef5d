"""The casusoverleg file (art. 10): a store of its own, separate from the weegploeg file (art. 8.1).

On agendering a *copy* of the relevant weegploeg data lands here (art. 8.5): its own subject and
signal rows, so that later edits or the destruction of the weegploeg file (art. 13) leave this
file intact. The casusoverleg then records (art. 10.2 a-h): the analysis, the participants
(art. 9.1), the integraal plan van aanpak with its measures (art. 1e, 3, 9.3, 10.2e) in adopted
versions, the progress reviews (art. 9.4), achterblijvers and persons from the social network
(art. 10.2f-g), the data each party contributes with its legal ground (art. 6, 9.2), requests
for advice (art. 9.5), disclosures to externe casuspartners (art. 10.5) and the closure
(art. 9.4, 10.2h).
"""

from casusoverleg.models.file import (
    DEFAULT_REVIEW_INTERVAL_MONTHS,
    OPEN_MEASURE_STATUSES,
    Art3Goal,
    CasusoverlegFile,
    CasusoverlegProcess,
    CasusParticipant,
    CasusSignal,
    CasusStatus,
    CasusSubject,
    ClosureDecision,
    ClosureOutcome,
    MeasureProgress,
    MeasureStatus,
    ParticipantSource,
    PlanMeasure,
    PlanVersion,
    ProgressReview,
    ReviewOutcome,
)
from casusoverleg.models.registers import (
    AdviceRecipient,
    AdviceRequest,
    CasusPerson,
    DataContribution,
    DataKind,
    Disclosure,
    LegalGround,
    PersonKind,
)

__all__ = [
    "DEFAULT_REVIEW_INTERVAL_MONTHS",
    "OPEN_MEASURE_STATUSES",
    "AdviceRecipient",
    "AdviceRequest",
    "Art3Goal",
    "CasusParticipant",
    "CasusPerson",
    "CasusSignal",
    "CasusStatus",
    "CasusSubject",
    "CasusoverlegFile",
    "CasusoverlegProcess",
    "ClosureDecision",
    "ClosureOutcome",
    "DataContribution",
    "DataKind",
    "Disclosure",
    "LegalGround",
    "MeasureProgress",
    "MeasureStatus",
    "ParticipantSource",
    "PersonKind",
    "PlanMeasure",
    "PlanVersion",
    "ProgressReview",
    "ReviewOutcome",
]
