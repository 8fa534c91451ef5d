"""Registration (art. 12.1, 12.3, 12.5): a request for inzage and/or correctie comes in, with the
representative rules checked against the date of birth on file, and the identity is established."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.numbering import file_number_next
from core.processes import ProcessKind, process_start
from forms.corrections import (
    correction_item_fields,
    intake_answer_label,
    intake_correction_split,
    intake_correction_value,
)
from retention.selectors import ARCHIVED_READ_ONLY, archived_weegploeg_numbers
from rights.models import (
    CorrectionItem,
    IdentityMethod,
    RepresentationGround,
    RequesterKind,
    RequestKind,
    RequestStatus,
    RightsRequest,
)
from rights.services.correction import correction_value_parse
from weegploeg.models import WeegploegFile

if TYPE_CHECKING:
    from accounts.models import User

REPRESENTATION_AGE = 16  # art. 12.1


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


def _weegploeg_file(number: str) -> WeegploegFile:
    file = WeegploegFile.objects.select_related("subject").filter(number=(number or "").strip().upper()).first()
    if file is None:
        raise ValidationError("Er is geen weegploegdossier met dit nummer.", code="dossier_onbekend")
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

    if kind not in RequestKind.values:
        raise ValidationError("Kies: inzage, correctie of beide.", code="soort_ongeldig")
    if requester_kind not in RequesterKind.values:
        raise ValidationError(
            "Kies wie het verzoek doet: de betrokkene of een wettelijk vertegenwoordiger.", code="verzoeker_ongeldig"
        )
    if received_on > timezone.localdate():
        raise ValidationError("De datum van ontvangst kan niet in de toekomst liggen.", code="datum_in_toekomst")
    if not reply_address.strip():
        raise ValidationError("Vul het adres in waarheen het antwoord wordt gestuurd.", code="antwoordadres_ontbreekt")
    file = _weegploeg_file(weegploeg_number)
    subject = file.subject
    ground = representation_required(
        subject.date_of_birth, received_on, curatele=under_curatele, mentorschap=under_mentorschap
    )
    if requester_kind == RequesterKind.BETROKKENE and ground:
        raise ValidationError(
            f"{RepresentationGround(ground).label}: het verzoek moet worden gedaan door een wettelijk "
            "vertegenwoordiger (art. 12.1).",
            code="vertegenwoordiger_vereist",
        )
    if requester_kind == RequesterKind.VERTEGENWOORDIGER:
        if not ground:
            raise ValidationError(
                "De betrokkene is zestien jaar of ouder en staat niet onder curatele of mentorschap: alleen de "
                "betrokkene zelf kan het verzoek doen (art. 12.1).",
                code="vertegenwoordiger_niet_toegestaan",
            )
        if not requester_name.strip():
            raise ValidationError(
                "Vul de naam van de wettelijk vertegenwoordiger in.", code="naam_vertegenwoordiger_ontbreekt"
            )
    else:
        requester_name = ""
    items, labels = [], {}
    if kind in (RequestKind.CORRECTIE, RequestKind.BEIDE):
        if archived_weegploeg_numbers([file.number]):
            # issue 17.7: archived files only for inzage
            raise ValidationError(ARCHIVED_READ_ONLY, code="dossier_gearchiveerd")
        for field, raw, reason in corrections:
            if question_id := intake_correction_split(field):  # issue 19.5: an intake answer
                labels[question_id] = intake_answer_label(subject.files.all(), question_id)
                intake_correction_value(raw)
            else:
                correction_value_parse(field, raw)
            if not reason.strip():
                raise ValidationError("Geef bij elke gevraagde correctie de reden (art. 12.5).", code="reden_ontbreekt")
            items.append((field, raw.strip(), reason.strip()))
        if not items:
            raise ValidationError(
                "Geef aan welke correcties de verzoeker wil en waarom (art. 12.5).", code="correcties_ontbreken"
            )
        if len({field for field, _, _ in items}) != len(items):
            raise ValidationError("Vraag per gegeven één correctie.", code="correctie_dubbel")
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
    process = process_start(ProcessKind.RIGHTS, request=request)
    request.process_id = process.pk
    request.save(update_fields=["process"])
    return request


def identity_record(
    request: RightsRequest, *, established_on: datetime.date, method: str, note: str = ""
) -> RightsRequest:
    """Art. 12.3: the identity is established; from this day the four weeks for inzage run."""
    if request.status != RequestStatus.IDENTITEIT:
        raise ValidationError("De identiteit is voor dit verzoek al vastgesteld.", code="identiteit_al_vastgesteld")
    if method not in IdentityMethod.values:
        raise ValidationError("Kies hoe de identiteit is vastgesteld.", code="methode_ongeldig")
    if method == IdentityMethod.ANDERS and not note.strip():
        raise ValidationError("Licht toe hoe de identiteit is vastgesteld.", code="toelichting_ontbreekt")
    if established_on > timezone.localdate() or established_on < request.received_on:
        raise ValidationError("De datum ligt tussen de ontvangst van het verzoek en vandaag.", code="datum_ongeldig")
    request.identity_established_on = established_on
    request.identity_method = method
    request.identity_note = note.strip()
    request.status = RequestStatus.INZAGE if request.wants_inzage else RequestStatus.CORRECTIE_BESLUIT
    request.save(update_fields=["identity_established_on", "identity_method", "identity_note", "status"])
    return request
