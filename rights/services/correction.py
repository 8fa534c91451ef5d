"""Correction (art. 12.5-6): the typed value of a requested correction, the decision on each item
and carrying the accepted ones into both files, with notices to the parties."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casusoverleg.case import casus_subject_correct
from core.fields import bsn_compact, validate_bsn
from core.text import text_name_clean
from forms.corrections import intake_answers_correct
from retention.selectors import ARCHIVED_READ_ONLY, archived_weegploeg_numbers
from rights.models import CorrectionDecision, CorrectionItem, RequestStatus, RightsRequest, SubjectField
from rights.notices import correction_notices_queue
from weegploeg.services import weegploeg_subject_correct


def correction_value_parse(field: str, raw: str):
    """The typed new value of a requested correction, or a Dutch ``ValidationError``."""
    if field not in SubjectField.values:
        raise ValidationError("Kies welk gegeven moet worden gecorrigeerd.", code="gegeven_ongeldig")
    value = (raw or "").strip()
    if field == SubjectField.DATE_OF_BIRTH:
        for fmt in ("%d-%m-%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - only the date is kept
            except ValueError:
                continue
        raise ValidationError("Geef een gecorrigeerde geboortedatum als dd-mm-jjjj.", code="geboortedatum_ongeldig")
    if field == SubjectField.BSN:
        # Item 6: the same canonical form and elfproef as the BSN field of both files.
        value = bsn_compact(value)
        validate_bsn(value)
        return value
    value = text_name_clean(value)  # NFKC, no zero-width spaces; bidi controls refused (Dutch)
    if field in (SubjectField.GIVEN_NAMES, SubjectField.SURNAME, SubjectField.ADDRESS) and not value:
        raise ValidationError(f"De {SubjectField(field).label} kan niet leeg worden gemaakt.", code="gegeven_leeg")
    return value


def correction_decide(
    request: RightsRequest, *, decided_on: datetime.date, accepted_ids: Iterable[int], motivation: str
) -> RightsRequest:
    """Art. 12.5: the decision on each requested correction (within four weeks of receipt)."""
    if request.status != RequestStatus.CORRECTIE_BESLUIT:
        raise ValidationError(
            "Dit verzoek wacht niet op een besluit over correctie.", code="geen_correctiebesluit_open"
        )
    if decided_on > timezone.localdate() or decided_on < request.received_on:
        raise ValidationError("De datum van het besluit ligt tussen de ontvangst en vandaag.", code="datum_ongeldig")
    if not motivation.strip():
        raise ValidationError("Motiveer het besluit over de correctie.", code="motivering_ontbreekt")
    items = list(request.corrections.all())
    accepted = {int(pk) for pk in accepted_ids}
    if not accepted <= {item.pk for item in items}:
        raise ValidationError("Kies alleen correcties uit dit verzoek.", code="correctie_onbekend")
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
    if request.status != RequestStatus.CORRECTIE_UITVOERING:
        raise ValidationError(
            "Voor dit verzoek staat geen correctie klaar om uit te voeren.", code="geen_correctie_klaar"
        )
    if executed_on > timezone.localdate() or executed_on < request.correction_decided_on:
        raise ValidationError("De datum van uitvoering ligt tussen het besluit en vandaag.", code="datum_ongeldig")
    if request.subject_id is None:
        raise ValidationError(
            "Het subject bestaat niet meer in het weegploegdossier; er valt niets te corrigeren.",
            code="subject_ontbreekt",
        )
    items = list(request.corrections.filter(accepted=True))
    answers = [item for item in items if item.question_id]  # issue 19.5: intake answers
    changes = {i.field: correction_value_parse(i.field, i.new_value) for i in items if not i.question_id}

    if archived_weegploeg_numbers(request.subject.files.values_list("number", flat=True)):
        # issue 17.7: archived since the request, read-only
        raise ValidationError(ARCHIVED_READ_ONLY, code="dossier_gearchiveerd")
    with transaction.atomic():
        weegploeg_files = weegploeg_subject_correct(request.subject, changes) if changes else []
        weegploeg_numbers = [f.number for f in weegploeg_files]
        casus_numbers = casus_subject_correct(weegploeg_numbers, changes) if changes else []
        for item in answers:
            numbers = intake_answers_correct(request.subject.files.all(), item.question_id, item.new_value)
            weegploeg_numbers += [n for n in numbers if n not in weegploeg_numbers]
        labels = [item.label for item in items]
        correction_notices_queue(request, weegploeg_numbers + casus_numbers, labels)
        request.correction_executed_on = executed_on
        request.status = RequestStatus.AFGEROND
        request.save(update_fields=["correction_executed_on", "status"])
    return {"weegploeg": weegploeg_numbers, "casusoverleg": casus_numbers}
