"""Business logic of the casusoverleg file. Issue 6 adds the plan and its flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from casusoverleg.models import CasusoverlegFile, CasusSignal, CasusSubject

if TYPE_CHECKING:
    from accounts.models import User
    from weegploeg.models import WeegploegFile

SUBJECT_FIELDS = (
    "given_names",
    "surname_prefix",
    "surname",
    "date_of_birth",
    "address",
    "postcode",
    "residence",
    "municipality",
    "bsn",
)


@transaction.atomic
def casusoverleg_file_open_from_weegploeg(weegploeg_file: WeegploegFile, *, by: User) -> CasusoverlegFile:
    """Art. 8.5: copy (never move) the relevant data of an agendered weegploeg file into a new
    casusoverleg file. The weegploeg file keeps all its rows."""
    from weegploeg.services import file_number_next

    existing = CasusoverlegFile.objects.filter(source_weegploeg_number=weegploeg_file.number).first()
    if existing is not None:
        return existing
    casus = CasusoverlegFile.objects.create(
        number=file_number_next("C"), source_weegploeg_number=weegploeg_file.number, opened_by=by
    )
    subject = weegploeg_file.subject
    CasusSubject.objects.create(file=casus, **{name: getattr(subject, name) for name in SUBJECT_FIELDS})
    CasusSignal.objects.bulk_create(
        CasusSignal(
            file=casus,
            observation=signal.observation,
            observed_on=signal.observed_on,
            melder_name=signal.melder_name,
            melder_contact=signal.melder_contact,
            bringing_party_id=signal.bringing_party_id,
        )
        for signal in weegploeg_file.signals.all()
    )
    decision = getattr(weegploeg_file, "decision", None)
    if decision is not None:
        casus.involved_parties.set(decision.involved_parties.all())
    return casus
