"""Business logic of the data-subject rights (art. 11.3-5, 12).

Each service checks its own preconditions and raises a Dutch ``ValidationError`` (nothing is
changed when it refuses). The task lifecycle runs through ``flows.services.task_complete`` in the
views, under the flow's lock; these functions are the business writes inside it.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.fields import bsn_compact, validate_bsn
from core.months import add_months
from core.numbering import file_number_next
from core.text import text_name_clean
from forms.corrections import (
    correction_item_fields,
    intake_answer_label,
    intake_answers_correct,
    intake_correction_split,
    intake_correction_value,
)
from outbox.services import mail_queue
from rights.deferral import deferral_inzage_check
from rights.models import (
    CorrectionDecision,
    CorrectionItem,
    FollowUpCheck,
    IdentityMethod,
    InformationDutyFollowUp,
    InzageDecision,
    OverviewSection,
    RepresentationGround,
    RequesterKind,
    RequestKind,
    RequestStatus,
    RightsRequest,
    SubjectField,
)
from rights.notices import (  # noqa: F401 - art. 12.6, re-exported
    NO_NOTICE_RECIPIENT,
    correction_notice_recipients,
    notice_addresses,
    participating_parties,
)
from rights.notices import correction_notices_queue as _notify
from weegploeg.models import Art41Ground, WeegploegFile

if TYPE_CHECKING:
    from accounts.models import User
    from weegploeg.models import InformationDuty

logger = logging.getLogger(__name__)

REPRESENTATION_AGE = 16  # art. 12.1


def recheck_months() -> int:
    """Art. 11.3-5: ``RIGHTS_INFORMATION_RECHECK_MONTHS`` (default 3)."""
    return settings.RIGHTS_INFORMATION_RECHECK_MONTHS


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def representation_required(
    date_of_birth: datetime.date, on: datetime.date, *, curatele: bool, mentorschap: bool
) -> str:
    """Art. 12.1: the ground on which only a legal representative may make the request ("" if none)."""
    if age_on(date_of_birth, on) < REPRESENTATION_AGE:
        return RepresentationGround.JONGER_DAN_16
    if curatele:
        return RepresentationGround.CURATELE
    if mentorschap:
        return RepresentationGround.MENTORSCHAP
    return ""


def correction_value_parse(field: str, raw: str):
    """The typed new value of a requested correction, or a Dutch ``ValidationError``."""
    if field not in SubjectField.values:
        raise ValidationError("Kies welk gegeven moet worden gecorrigeerd.")
    value = (raw or "").strip()
    if field == SubjectField.DATE_OF_BIRTH:
        for fmt in ("%d-%m-%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        raise ValidationError("Geef een gecorrigeerde geboortedatum als dd-mm-jjjj.")
    if field == SubjectField.BSN:
        # Item 6: the same canonical form and elfproef as the BSN field of both files.
        value = bsn_compact(value)
        validate_bsn(value)
        return value
    value = text_name_clean(value)  # NFKC, no zero-width spaces; bidi controls refused (Dutch)
    if field in (SubjectField.GIVEN_NAMES, SubjectField.SURNAME, SubjectField.ADDRESS) and not value:
        raise ValidationError(f"De {SubjectField(field).label} kan niet leeg worden gemaakt.")
    return value


def _weegploeg_file(number: str) -> WeegploegFile:
    file = WeegploegFile.objects.select_related("subject").filter(number=(number or "").strip().upper()).first()
    if file is None:
        raise ValidationError("Er is geen weegploegdossier met dit nummer.")
    return file


@transaction.atomic
def rights_request_register(
    *,
    by: User,
    weegploeg_number: str,
    kind: str,
    received_on: datetime.date,
    requester_kind: str,
    reply_address: str,
    requester_name: str = "",
    under_curatele: bool = False,
    under_mentorschap: bool = False,
    corrections: Iterable[tuple[str, str, str]] = (),
) -> RightsRequest:
    """Art. 12.1, 12.5: register a request for inzage and/or correctie and start the flow.

    The representative rules are checked against the date of birth on file: a subject younger than
    16 on the day of receipt, under curatele or with a mentor can only ask through a legal
    representative; anyone else asks in person."""
    from rights.flows import RightsRequestFlow

    if kind not in RequestKind.values:
        raise ValidationError("Kies: inzage, correctie of beide.")
    if requester_kind not in RequesterKind.values:
        raise ValidationError("Kies wie het verzoek doet: de betrokkene of een wettelijk vertegenwoordiger.")
    if received_on > timezone.localdate():
        raise ValidationError("De datum van ontvangst kan niet in de toekomst liggen.")
    if not reply_address.strip():
        raise ValidationError("Vul het adres in waarheen het antwoord wordt gestuurd.")
    file = _weegploeg_file(weegploeg_number)
    subject = file.subject
    ground = representation_required(
        subject.date_of_birth, received_on, curatele=under_curatele, mentorschap=under_mentorschap
    )
    if requester_kind == RequesterKind.BETROKKENE and ground:
        raise ValidationError(
            f"{RepresentationGround(ground).label}: het verzoek moet worden gedaan door een wettelijk "
            "vertegenwoordiger (art. 12.1)."
        )
    if requester_kind == RequesterKind.VERTEGENWOORDIGER:
        if not ground:
            raise ValidationError(
                "De betrokkene is zestien jaar of ouder en staat niet onder curatele of mentorschap: alleen de "
                "betrokkene zelf kan het verzoek doen (art. 12.1)."
            )
        if not requester_name.strip():
            raise ValidationError("Vul de naam van de wettelijk vertegenwoordiger in.")
    else:
        requester_name = ""
    items, labels = [], {}
    if kind in (RequestKind.CORRECTIE, RequestKind.BEIDE):
        from retention.selectors import ARCHIVED_READ_ONLY, archived_weegploeg_numbers

        if archived_weegploeg_numbers([file.number]):
            raise ValidationError(ARCHIVED_READ_ONLY)  # issue 17.7: archived files only for inzage
        for field, raw, reason in corrections:
            if question_id := intake_correction_split(field):  # issue 19.5: an intake answer
                labels[question_id] = intake_answer_label(subject.files.all(), question_id)
                intake_correction_value(raw)
            else:
                correction_value_parse(field, raw)
            if not reason.strip():
                raise ValidationError("Geef bij elke gevraagde correctie de reden (art. 12.5).")
            items.append((field, raw.strip(), reason.strip()))
        if not items:
            raise ValidationError("Geef aan welke correcties de verzoeker wil en waarom (art. 12.5).")
        if len({field for field, _, _ in items}) != len(items):
            raise ValidationError("Vraag per gegeven één correctie.")
    request = RightsRequest.objects.create(
        number=file_number_next("R"),
        kind=kind,
        received_on=received_on,
        subject=subject,
        weegploeg_number=file.number,
        requester_kind=requester_kind,
        representation_ground=ground if requester_kind == RequesterKind.VERTEGENWOORDIGER else "",
        under_curatele=under_curatele,
        under_mentorschap=under_mentorschap,
        requester_name=requester_name.strip(),
        reply_address=reply_address.strip(),
        registered_by=by,
    )
    CorrectionItem.objects.bulk_create(
        CorrectionItem(request=request, new_value=value, reason=reason, **correction_item_fields(field, labels))
        for field, value, reason in items
    )
    process = RightsRequestFlow.start.run(request=request)
    request.process_id = process.pk
    request.save(update_fields=["process"])
    return request


def identity_record(
    request: RightsRequest, *, established_on: datetime.date, method: str, note: str = ""
) -> RightsRequest:
    """Art. 12.3: the identity is established; from this day the four weeks for inzage run."""
    if request.status != RequestStatus.IDENTITEIT:
        raise ValidationError("De identiteit is voor dit verzoek al vastgesteld.")
    if method not in IdentityMethod.values:
        raise ValidationError("Kies hoe de identiteit is vastgesteld.")
    if method == IdentityMethod.ANDERS and not note.strip():
        raise ValidationError("Licht toe hoe de identiteit is vastgesteld.")
    if established_on > timezone.localdate() or established_on < request.received_on:
        raise ValidationError("De datum ligt tussen de ontvangst van het verzoek en vandaag.")
    request.identity_established_on = established_on
    request.identity_method = method
    request.identity_note = note.strip()
    request.status = RequestStatus.INZAGE if request.wants_inzage else RequestStatus.CORRECTIE_BESLUIT
    request.save(update_fields=["identity_established_on", "identity_method", "identity_note", "status"])
    return request


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
        raise ValidationError("Dit verzoek wacht niet op een besluit over inzage.")
    if decision not in InzageDecision.values:
        raise ValidationError("Kies: inzage verstrekt, gedeeltelijk geweigerd of geweigerd.")
    if answered_on > timezone.localdate() or answered_on < request.identity_established_on:
        raise ValidationError("De datum van beantwoording ligt tussen de vaststelling van de identiteit en vandaag.")
    withheld = list(dict.fromkeys(withheld_sections))
    if any(s not in OverviewSection.values for s in withheld):
        raise ValidationError("Kies de geweigerde onderdelen uit de lijst.")
    # Art. 11.4, 12.4: a deferred information duty is not undone by an inzage (rights/deferral.py).
    deferred = deferral_inzage_check(request, decision)
    if decision == InzageDecision.VERSTREKT:
        ground, motivation, withheld = "", "", []
    else:
        if ground not in Art41Ground.values:
            raise ValidationError("Kies de weigeringsgrond uit artikel 41 UAVG.")
        if not motivation.strip():
            raise ValidationError(
                "Motiveer de weigering: de betrokkene ontvangt een gemotiveerde afwijzing (art. 12.4)."
            )
        if decision == InzageDecision.DEELS_GEWEIGERD and not withheld and not deferred:
            raise ValidationError("Kies welke onderdelen van het overzicht worden geweigerd.")
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


def correction_decide(
    request: RightsRequest, *, decided_on: datetime.date, accepted_ids: Iterable[int], motivation: str
) -> RightsRequest:
    """Art. 12.5: the decision on each requested correction (within four weeks of receipt)."""
    if request.status != RequestStatus.CORRECTIE_BESLUIT:
        raise ValidationError("Dit verzoek wacht niet op een besluit over correctie.")
    if decided_on > timezone.localdate() or decided_on < request.received_on:
        raise ValidationError("De datum van het besluit ligt tussen de ontvangst en vandaag.")
    if not motivation.strip():
        raise ValidationError("Motiveer het besluit over de correctie.")
    items = list(request.corrections.all())
    accepted = {int(pk) for pk in accepted_ids}
    if not accepted <= {item.pk for item in items}:
        raise ValidationError("Kies alleen correcties uit dit verzoek.")
    for item in items:
        item.accepted = item.pk in accepted
    CorrectionItem.objects.bulk_update(items, ["accepted"])
    if accepted and len(accepted) == len(items):
        decision = CorrectionDecision.TOEGEWEZEN
    elif accepted:
        decision = CorrectionDecision.DEELS
    else:
        decision = CorrectionDecision.AFGEWEZEN
    request.correction_decision = decision
    request.correction_decided_on = decided_on
    request.correction_motivation = motivation.strip()
    request.status = (
        RequestStatus.AFGEROND if decision == CorrectionDecision.AFGEWEZEN else RequestStatus.CORRECTIE_UITVOERING
    )
    request.save(update_fields=["correction_decision", "correction_decided_on", "correction_motivation", "status"])
    return request


def correction_execute(request: RightsRequest, *, executed_on: datetime.date) -> dict[str, list[str]]:
    """Art. 12.6: carry the accepted corrections into both files and notify the parties. Returns the
    file numbers changed per file kind (for the access log)."""
    from casusoverleg.services import casus_subject_correct
    from weegploeg.services import weegploeg_subject_correct

    if request.status != RequestStatus.CORRECTIE_UITVOERING:
        raise ValidationError("Voor dit verzoek staat geen correctie klaar om uit te voeren.")
    if executed_on > timezone.localdate() or executed_on < request.correction_decided_on:
        raise ValidationError("De datum van uitvoering ligt tussen het besluit en vandaag.")
    if request.subject_id is None:
        raise ValidationError("Het subject bestaat niet meer in het weegploegdossier; er valt niets te corrigeren.")
    items = list(request.corrections.filter(accepted=True))
    answers = [item for item in items if item.question_id]  # issue 19.5: intake answers
    changes = {i.field: correction_value_parse(i.field, i.new_value) for i in items if not i.question_id}
    from retention.selectors import ARCHIVED_READ_ONLY, archived_weegploeg_numbers

    if archived_weegploeg_numbers(request.subject.files.values_list("number", flat=True)):
        raise ValidationError(ARCHIVED_READ_ONLY)  # issue 17.7: archived since the request, read-only
    with transaction.atomic():
        weegploeg_files = weegploeg_subject_correct(request.subject, changes) if changes else []
        weegploeg_numbers = [f.number for f in weegploeg_files]
        casus_numbers = casus_subject_correct(weegploeg_numbers, changes) if changes else []
        for item in answers:
            numbers = intake_answers_correct(request.subject.files.all(), item.question_id, item.new_value)
            weegploeg_numbers += [n for n in numbers if n not in weegploeg_numbers]
        labels = [item.label for item in items]
        _notify(request, weegploeg_numbers + casus_numbers, labels)
        request.correction_executed_on = executed_on
        request.status = RequestStatus.AFGEROND
        request.save(update_fields=["correction_executed_on", "status"])
    return {"weegploeg": weegploeg_numbers, "casusoverleg": casus_numbers}


def rights_overdue(today: datetime.date | None = None) -> list[RightsRequest]:
    from rights.selectors import open_requests

    today = today or timezone.localdate()
    return [r for r in open_requests() if (nxt := r.next_deadline()) is not None and nxt[1] < today]


def _uitvoerder_addresses() -> list[str]:
    from accounts.models import User
    from accounts.roles import Role

    return list(
        User.objects.filter(is_active=True, groups__name=Role.UITVOERDER.group_name, party__role="kernpartij")
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def information_duty_reminders_send(today: datetime.date | None = None) -> list[str]:
    """Art. 11.3-5: remind the uitvoerders of deferred duties whose re-check date has passed
    (file numbers only), one mail per file and re-check date: running again queues nothing new.
    Returns the file numbers reminded in this run."""
    from rights.selectors import deferred_duties_open, duty_next_check

    today = today or timezone.localdate()
    due = [(d.file.number, when) for d in deferred_duties_open() if (when := duty_next_check(d)) and when < today]
    if not due:
        return []
    addresses = _uitvoerder_addresses()
    if not addresses:  # nothing is marked: the next run tries again
        logger.warning("information duty re-check overdue, but no uitvoerder has an e-mail address")
        return []
    reminded = []
    with transaction.atomic():
        for number, when in due:
            queued = mail_queue(
                subject=f"Uitgestelde informatieplicht: opnieuw beoordelen ({number})",
                body=f"De datum voor een nieuwe beoordeling (art. 11 convenant) is verstreken voor: {number}.\n"
                "Beoordeel in de werkomgeving (Rechten van betrokkenen) of de betrokkene nu kan worden "
                "geïnformeerd.",
                to=addresses,
                dedupe_key=f"informatieplicht:{number}:{when.isoformat()}",
            )
            if queued is not None:
                reminded.append(number)
    return reminded


def rights_escalate_overdue(today: datetime.date | None = None) -> list[RightsRequest]:
    """Escalation: mark overdue requests and tell every uitvoerder (request numbers only). The mail
    is queued once per request, in the same transaction as the mark; a request that could not be
    mailed yet (no uitvoerder address) is mailed by a later run."""
    overdue = rights_overdue(today)
    if not overdue:
        return []
    now = timezone.now()
    fresh = [r for r in overdue if r.escalated_at is None]
    addresses = _uitvoerder_addresses()
    with transaction.atomic():
        RightsRequest.objects.filter(pk__in=[r.pk for r in fresh]).update(escalated_at=now)
        for r in overdue:
            if not addresses:
                break
            mail_queue(
                subject=f"Termijn verstreken: verzoek {r.number}",
                body=f"De wettelijke termijn (art. 12 convenant) is verstreken voor: {r.number}.\n"
                "Behandel dit verzoek met voorrang in de werkomgeving (Rechten van betrokkenen).",
                to=addresses,
                dedupe_key=f"rechten-termijn:{r.number}",
            )
    if fresh:
        logger.warning("rights requests overdue and escalated: %s", ", ".join(r.number for r in fresh))
    if not addresses:
        logger.warning("rights requests overdue, but no uitvoerder has an e-mail address")
    for r in fresh:
        r.escalated_at = now
    return fresh


# --- Information duty follow-up (art. 11.3-5) --------------------------------------------------------


def follow_up_for(duty: InformationDuty) -> InformationDutyFollowUp:
    follow_up, _ = InformationDutyFollowUp.objects.get_or_create(
        duty=duty, defaults={"interval_months": recheck_months(), "next_check_on": duty.recheck_on}
    )
    return follow_up


@transaction.atomic
def information_duty_check(
    duty: InformationDuty,
    *,
    by: User,
    checked_on: datetime.date,
    ground_remains: bool,
    note: str,
    ground: str = "",
    next_check_on: datetime.date | None = None,
) -> FollowUpCheck:
    """Art. 11.3-5: judge a deferred information duty again. While a ground remains, the next check is
    planned (default: ``RIGHTS_INFORMATION_RECHECK_MONTHS`` later); when none remains, the subject is
    informed (also when no measures followed, art. 11.5) and the date is recorded in both places."""
    from weegploeg.models import DutyOutcome, InformationDuty

    duty = InformationDuty.objects.select_for_update().get(pk=duty.pk)
    if duty.outcome != DutyOutcome.DEFER or duty.informed_on is not None:
        raise ValidationError("Voor dit dossier is de informatieplicht al nagekomen.")
    today = timezone.localdate()
    if checked_on > today:
        raise ValidationError("De datum van beoordeling kan niet in de toekomst liggen.")
    if not note.strip():
        raise ValidationError("Maak een aantekening van de beoordeling (art. 11.4).")
    follow_up = follow_up_for(duty)
    if ground_remains:
        if ground not in Art41Ground.values:
            raise ValidationError("Kies de grond uit artikel 41 UAVG die nog bestaat.")
        next_check_on = next_check_on or add_months(checked_on, follow_up.interval_months)
        if next_check_on <= today:
            raise ValidationError("Kies een datum in de toekomst voor de volgende beoordeling.")
        follow_up.next_check_on = next_check_on
        follow_up.save(update_fields=["next_check_on"])
    else:
        ground = ""
        follow_up.next_check_on = None
        follow_up.informed_on = checked_on
        follow_up.informed_by = by
        follow_up.save(update_fields=["next_check_on", "informed_on", "informed_by"])
        duty.informed_on = checked_on
        duty.save(update_fields=["informed_on"])
    return FollowUpCheck.objects.create(
        follow_up=follow_up,
        checked_on=checked_on,
        ground_remains=ground_remains,
        ground=ground,
        note=note.strip(),
        checked_by=by,
    )


# --- The public page (art. 12) -----------------------------------------------------------------------


def rights_page_ensure():
    """The published 'Uw rechten' page under the home page at /uw-rechten/ (created once)."""
    from pages.models import HomePage
    from rights.models import RightsPage

    existing = RightsPage.objects.first()
    if existing is not None:
        return existing, False
    home = HomePage.objects.first()
    if home is None:
        raise LookupError("Er is nog geen startpagina; voer eerst ‘manage.py import_convenant’ uit.")
    page = RightsPage(
        title="Uw rechten",
        slug="uw-rechten",
        seo_title="Uw rechten: inzage en correctie",
        search_description="Hoe u of uw wettelijk vertegenwoordiger inzage of correctie vraagt (artikel 12).",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page, True
