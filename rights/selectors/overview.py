"""The inzage overview (art. 12.3): everything processed about one subject in both files, with the
purposes, recipients and sources, and the file numbers it covers."""

from __future__ import annotations

import dataclasses
import datetime

from django.utils import timezone
from wagtail.models import Revision

from casusoverleg.models import CasusoverlegFile, MeasureStatus
from pages.selectors import referentiekader_at_revision
from rights.models import RightsRequest
from weegploeg.models import WeegploegFile


def subject_file_numbers(rights_request: RightsRequest) -> tuple[list[str], list[str]]:
    """The weegploeg and casusoverleg file numbers whose data an inzage overview of this request's
    subject covers (the same files as ``subject_overview``): the rows of its export (art. 12.3)."""
    if rights_request.subject_id is None:
        return [rights_request.weegploeg_number], []
    weegploeg = list(
        WeegploegFile.objects.filter(subject_id=rights_request.subject_id)
        .order_by("created_at", "pk")
        .values_list("number", flat=True)
    )
    casus = list(
        CasusoverlegFile.objects.filter(source_weegploeg_number__in=weegploeg)
        .order_by("opened_at", "pk")
        .values_list("number", flat=True)
    )
    return weegploeg, casus


# Art. 3: the purposes for which the data are processed, in plain Dutch.
PURPOSES = [
    "Het verminderen van de risico’s voor de samenleving door radicalisering, extremisme, uitreizen of "
    "terugkeer, en het bieden van zorg (artikel 3 van het convenant).",
    "Het verminderen van de risico’s voor de ontwikkeling van minderjarigen door radicalisering, extremisme, "
    "uitreizen of terugkeer (artikel 3).",
    "Daarvoor maken de partijen samen een integraal plan van aanpak, gericht op: het bevorderen van "
    "deradicalisering; het stimuleren van gedragsverandering; het beperken van veiligheidsrisico’s; het "
    "voorkomen van uitreizen naar een strijdgebied; het bieden van zorg; het bieden van hulp aan "
    "achterblijvers (artikel 3 a tot en met f).",
]
WEEGPLOEG_RECIPIENTS = (
    "De vertegenwoordigers van de kernpartijen in de weegploeg: de 31 Limburgse gemeenten, de politie en het "
    "Openbaar Ministerie (artikel 7 en 8), en de uitvoerder (artikel 5)."
)

SUBJECT_LABELS = [
    ("given_names", "Voornamen"),
    ("surname_prefix", "Tussenvoegsel"),
    ("surname", "Achternaam"),
    ("date_of_birth", "Geboortedatum"),
    ("address", "Adres"),
    ("postcode", "Postcode"),
    ("residence", "Woonplaats"),
    ("municipality", "Woongemeente"),
    ("bsn", "BSN"),
]


def intake_answers_for_overview(signal) -> list[tuple[str, str]]:
    """(question as answered, answer) of the low-code intake questions of one signal, followed by the
    information the melder added later (issue 14.6), each with its date."""
    rows = [(a.get("label", ""), a.get("answer", "") or "—") for a in (signal.answers or [])]
    for addendum in signal.addenda.all():
        when = timezone.localtime(addendum.added_at).strftime("%d-%m-%Y")
        rows.append((f"Later toegevoegde informatie ({when})", addendum.text))
    return rows


# What an answer on a criterion means, in plain words for the person the overview is about.
ANSWER_EXPLAINED = {
    "van_toepassing": "De weegploeg vond dat dit op u van toepassing was.",
    "niet_van_toepassing": "De weegploeg vond dat dit niet op u van toepassing was.",
    "onbekend": "De weegploeg wist niet genoeg om dit te beoordelen.",
}


def criteria_explained(analysis) -> list[dict[str, str]]:
    """The criteria of one analysis with their titles from the referentiekader version it used
    (art. 7.3) and a plain explanation of each answer; a criterion no longer found keeps its code."""
    try:
        titles = {c.code: c.title for c in referentiekader_at_revision(analysis.referentiekader_revision_id).criteria}
    except Revision.DoesNotExist:
        titles = {}
    return [
        {
            "code": item.criterion_code,
            "title": titles.get(item.criterion_code, ""),
            "answer": item.get_answer_display(),
            "explanation": ANSWER_EXPLAINED.get(item.answer, ""),
            "note": item.note,
        }
        for item in analysis.items.all()
    ]


def _naw(subject) -> list[tuple[str, str]]:
    rows = []
    for name, label in SUBJECT_LABELS:
        value = getattr(subject, name)
        if isinstance(value, datetime.date):
            value = value.strftime("%d-%m-%Y")
        rows.append((label, value or "(niet vastgelegd)"))
    return rows


@dataclasses.dataclass
class SubjectOverview:
    """Everything processed about one subject in both files, the purposes, recipients and sources."""

    subject: list[tuple[str, str]]
    weegploeg_files: list[dict]
    casus_files: list[dict]
    purposes: list[str]
    recipients: list[str]
    sources: list[str]


def subject_overview(subject) -> SubjectOverview:
    """Art. 12.3: the subject's data in the weegploeg file and in the casusoverleg file, with the
    purposes (art. 3), the (possible) recipients (the parties in the case, the disclosure register,
    advisers with whom data were shared) and the sources (the parties that brought data in).

    Achterblijvers and network persons (art. 10.2f-g) are other people's data and never included;
    neither is a mention of this subject as such a person in another subject's file, nor the melder's
    name and contact details."""
    recipients: set[str] = set()
    sources: set[str] = set()
    weegploeg_files = []
    files = (
        WeegploegFile.objects.filter(subject=subject)
        .prefetch_related(
            "signals__bringing_party",
            "signals__addenda",
            "analyses__items",
            "information_requests__party",
            "decision__involved_parties",
        )
        .order_by("created_at", "pk")
    )
    for file in files:
        signals = []
        for signal in file.signals.all():
            sources.add(signal.bringing_party.name)
            signals.append(
                {
                    "observed_on": signal.observed_on,
                    "observation": signal.observation,
                    "party": signal.bringing_party.name,
                    # issue 19.5: the intake answers with their questions as answered
                    "answers": intake_answers_for_overview(signal),
                }
            )
        analyses = [
            {
                "date": timezone.localtime(a.analysed_at).date(),
                "summary": a.summary,
                "items": [(i.criterion_code, i.get_answer_display(), i.note) for i in a.items.all()],
                # art. 12.3: understandable — each criterion with its title and what the answer means
                "criteria": criteria_explained(a),
            }
            for a in file.analyses.all()
        ]
        supplied = []
        for info in file.information_requests.all():
            recipients.add(info.party.name)
            if info.answered_at:
                sources.add(info.party.name)
                supplied.append({"party": info.party.name, "answer": info.answer})
        decision = getattr(file, "decision", None)
        decision_row = None
        if decision is not None:
            decision_row = {
                "outcome": decision.get_outcome_display(),
                "motivation": decision.motivation,
                "date": timezone.localtime(decision.decided_at).date(),
            }
            recipients.update(p.name for p in decision.involved_parties.all())
        weegploeg_files.append(
            {
                "number": file.number,
                "created_on": timezone.localtime(file.created_at).date(),
                "signals": signals,
                "analyses": analyses,
                "supplied": supplied,
                "decision": decision_row,
                "plan_closed_on": file.plan_closed_on,
                "plan_closed_note": file.plan_closed_note,
            }
        )
    casus_files = []
    numbers = [f["number"] for f in weegploeg_files]
    casus_qs = (
        CasusoverlegFile.objects.filter(source_weegploeg_number__in=numbers)
        .select_related("subject")
        .prefetch_related(
            "signals__bringing_party",
            "participants__party",
            "plan_versions__measures__responsible_party",
            "reviews",
            "contributions__party",
            "disclosures__recipient",
            "advice_requests",
            "involved_parties",
        )
        .order_by("opened_at", "pk")
    )
    for casus in casus_qs:
        subject_copy = getattr(casus, "subject", None)
        signals = []
        for signal in casus.signals.all():
            sources.add(signal.bringing_party.name)
            signals.append(
                {
                    "observed_on": signal.observed_on,
                    "observation": signal.observation,
                    "party": signal.bringing_party.name,
                }
            )
        participants = [p.party.name for p in casus.participants.all()]
        recipients.update(participants)
        recipients.update(p.name for p in casus.involved_parties.all())
        plans = []
        for plan in casus.plan_versions.all():
            if plan.adopted_at is None:
                continue  # a draft is not (yet) a decision about the subject
            plans.append(
                {
                    "number": plan.number,
                    "adopted_on": plan.adopted_on,
                    "aim": plan.aim,
                    "measures": [
                        {
                            "description": m.description,
                            "goal": m.get_goal_display(),
                            "party": m.responsible_party.name,
                            "due_on": m.due_on,
                            "status": MeasureStatus(m.status).label,
                        }
                        for m in plan.measures.all()
                    ],
                }
            )
        contributions = []
        for c in casus.contributions.all():
            sources.add(c.party.name)
            if c.content:
                contributions.append({"party": c.party.name, "subject_matter": c.subject_matter, "content": c.content})
        disclosures = []
        for d in casus.disclosures.all():
            recipients.add(d.recipient.name)
            disclosures.append(
                {
                    "recipient": d.recipient.name,
                    "date": timezone.localtime(d.disclosed_at).date(),
                    "kinds": d.data_kind_labels(),
                }
            )
        advice = []
        for a in casus.advice_requests.all():
            if a.personal_data_shared:
                recipients.add(f"{a.get_recipient_kind_display()}: {a.recipient_name}")
                advice.append({"recipient": a.recipient_name, "date": a.requested_on, "kinds": a.data_kind_labels()})
        casus_files.append(
            {
                "number": casus.number,
                "opened_on": timezone.localtime(casus.opened_at).date(),
                "subject": _naw(subject_copy) if subject_copy is not None else [],
                "signals": signals,
                "analysis": casus.analysis,
                "participants": participants,
                "plans": plans,
                "reviews": [{"held_on": r.held_on, "summary": r.summary} for r in casus.reviews.all()],
                "contributions": contributions,
                "disclosures": disclosures,
                "advice": advice,
                "closed_on": casus.closed_on,
                "closure_note": casus.closure_note,
            }
        )
    return SubjectOverview(
        subject=_naw(subject),
        weegploeg_files=weegploeg_files,
        casus_files=casus_files,
        purposes=PURPOSES,
        recipients=[WEEGPLOEG_RECIPIENTS, *sorted(recipients)],
        sources=sorted(sources),
    )
