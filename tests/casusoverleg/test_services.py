"""The casusoverleg services (art. 6, 8.5, 9, 10) without the screens."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casusoverleg.agendering import participant_add
from casusoverleg.closure import closure_decide
from casusoverleg.models import (
    CasusParticipant,
    CasusStatus,
    DataContribution,
    Disclosure,
    LegalGround,
    ParticipantSource,
    PlanVersion,
)
from casusoverleg.plan import plan_adopt, plan_draft_update, plan_measure_add
from casusoverleg.registers import advice_answer_record, advice_request_record, contribution_add, disclosure_register
from casusoverleg.selectors import casus_files_visible_to, plan_current
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda, deelnemer, open_task
from tests.factories import PartyFactory, party
from tests.weegploeg.fixtures import weegploeglid
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def test_art_8_5_agendering_starts_the_casusoverleg_with_participants_and_grounds():
    casus = agenda()
    sources = dict(CasusParticipant.objects.filter(file=casus).values_list("party__name", "source"))
    assert sources == {GENNEP: ParticipantSource.SIGNAAL, RVDK: ParticipantSource.WEEGPLOEG}
    assert "Zorgelijke uitingen." in casus.analysis
    assert "ID-1" in casus.analysis
    contribution = DataContribution.objects.get(file=casus)
    assert (contribution.party.name, contribution.legal_ground) == (GENNEP, LegalGround.C)  # art. 6c
    assert casus.process is not None
    assert open_task(casus, "adopt_plan")
    # The weegploeg file records where its data went, and shows it (without looking into this app).
    source = WeegploegFile.objects.get(number=casus.source_weegploeg_number)
    assert source.casusoverleg_number == casus.number


def test_art_9_3_plan_needs_aim_measures_and_present_participants():
    casus = agenda()
    user = deelnemer()
    with pytest.raises(ValidationError) as refused:
        plan_adopt(casus, by=user, adopted_on=TODAY(), present_parties=[party(GENNEP)])
    assert refused.value.code == "geen_concept"
    plan_draft_update(casus, by=user, aim="Gedragsverandering")
    with pytest.raises(ValidationError, match="verantwoordelijke partij moet deelnemen") as refused:
        plan_measure_add(
            casus, by=user, description="x", goal="b", responsible_party=party("De politie"), due_on=TODAY()
        )
    assert refused.value.code == "verantwoordelijke_geen_deelnemer"
    plan_measure_add(casus, by=user, description="Gesprek", goal="b", responsible_party=party(GENNEP), due_on=TODAY())
    with pytest.raises(ValidationError, match="aanwezig") as refused:
        plan_adopt(casus, by=user, adopted_on=TODAY(), present_parties=[party("De politie")])
    assert refused.value.code == "aanwezigen_ongeldig"
    version = plan_adopt(casus, by=user, adopted_on=TODAY(), present_parties=[party(GENNEP)])
    assert version.number == 1
    assert plan_current(casus) == version


def test_art_9_4_adjusting_the_plan_keeps_every_adopted_version():
    casus = agenda()
    user = deelnemer()
    plan_draft_update(casus, by=user, aim="Eerste doel")
    plan_measure_add(
        casus, by=user, description="Eerste maatregel", goal="a", responsible_party=party(GENNEP), due_on=TODAY()
    )
    first = plan_adopt(casus, by=user, adopted_on=TODAY(), present_parties=[party(GENNEP)])
    plan_draft_update(casus, by=user, aim="Tweede doel", change_note="Doel verscherpt")
    draft = PlanVersion.objects.get(file=casus, adopted_at__isnull=True)
    assert draft.measures.count() == 1  # the draft starts as a copy of the version in force
    second = plan_adopt(casus, by=user, adopted_on=TODAY(), present_parties=[party(GENNEP)])
    first.refresh_from_db()
    assert (first.number, first.aim, first.superseded_at is not None) == (1, "Eerste doel", True)
    assert (second.number, second.aim) == (2, "Tweede doel")
    assert plan_current(casus) == second
    with pytest.raises(ValidationError, match="geen concept") as refused:
        plan_adopt(casus, by=user, adopted_on=TODAY(), present_parties=[party(GENNEP)])
    assert refused.value.code == "geen_concept"


def test_art_10_5_disclosure_needs_necessity_kinds_and_consent_of_all_convenant_participants():
    casus = agenda()
    user = deelnemer()
    external = PartyFactory()
    participant_add(casus, by=user, party=external, reason="Jeugdhulp nodig voor maatregel")
    kwargs = {
        "recipient": external,
        "necessity": "Voor de begeleiding",
        "data_kinds": ["subject"],
        "consent_note": "Per e-mail op 1 maart",
    }
    with pytest.raises(
        ValidationError, match="Toestemming ontbreekt van: De Raad voor de kinderbescherming"
    ) as refused:
        disclosure_register(casus, by=user, consenting_parties=[party(GENNEP)], **kwargs)
    assert refused.value.code == "toestemming_ontbreekt"
    with pytest.raises(ValidationError) as refused:
        disclosure_register(casus, by=user, consenting_parties=[], **kwargs)
    assert refused.value.code == "toestemming_ontbreekt"
    assert not Disclosure.objects.exists()
    disclosure = disclosure_register(casus, by=user, consenting_parties=[party(GENNEP), party(RVDK)], **kwargs)
    assert disclosure.data_kinds == ["subject"]


def test_art_9_5_advice_with_shared_personal_data_needs_kinds_and_reason():
    casus = agenda()
    user = deelnemer()
    base = {
        "recipient_kind": "nctv",
        "recipient_name": "NCTV",
        "question": "Duiding van de uitingen?",
        "requested_on": TODAY(),
    }
    with pytest.raises(ValidationError, match="welke soorten persoonsgegevens") as refused:
        advice_request_record(casus, by=user, personal_data_shared=True, **base)
    assert refused.value.code == "deling_onvolledig"
    advice = advice_request_record(
        casus, by=user, personal_data_shared=True, data_kinds=["signalen"], sharing_reason="Context nodig", **base
    )
    advice_answer_record(advice, by=user, answer="Zorgelijk, ga door.", answered_on=TODAY())
    advice.refresh_from_db()
    assert advice.answer == "Zorgelijk, ga door."
    assert advice.data_kind_labels() == ["Signalen"]


def test_art_6_contributions_record_the_party_ground_and_externals_have_none():
    casus = agenda()
    rvdk_user = deelnemer(RVDK)
    contribution_add(casus, by=rvdk_user, subject_matter="Raadsonderzoek", content="Loopt.")
    assert DataContribution.objects.filter(file=casus, party__name=RVDK, legal_ground=LegalGround.D).exists()
    from tests.casusoverleg.fixtures import partner

    with pytest.raises(PermissionDenied):
        contribution_add(casus, by=partner(), subject_matter="x", content="y")


def test_art_9_4_closure_is_for_kernpartijen_only():
    casus = agenda()
    casus.status = CasusStatus.AFSLUITING_GEADVISEERD
    casus.save()
    with pytest.raises(PermissionDenied):
        closure_decide(casus, by=deelnemer(RVDK), outcome="afsluiten", decided_on=TODAY(), motivation="x")
    with pytest.raises(ValidationError, match="toekomst") as refused:
        closure_decide(
            casus,
            by=weegploeglid(),
            outcome="afsluiten",
            decided_on=timezone.localdate() + datetime.timedelta(days=1),
            motivation="x",
        )
    assert refused.value.code == "datum_toekomst"
    casus.refresh_from_db()
    assert casus.closed_on is None


def test_art_10_4_only_participating_parties_see_the_case():
    casus = agenda()
    assert casus in casus_files_visible_to(deelnemer(GENNEP))
    assert casus in casus_files_visible_to(deelnemer(RVDK))
    assert casus not in casus_files_visible_to(deelnemer("De gemeente Venlo"))
    assert casus not in casus_files_visible_to(weegploeglid())
