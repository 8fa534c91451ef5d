"""Set-up for the rights tests: a subject with known values in every field of both files, and a
second subject who mentions the first as an achterblijver (which must never show in the overview)."""

from __future__ import annotations

import dataclasses
import datetime
import re
from io import BytesIO

from django.utils import timezone
from pypdf import PdfReader

from accounts.roles import Role
from casusoverleg.agendering import participant_add
from casusoverleg.models import CasusoverlegFile, DataKind, PersonKind
from casusoverleg.plan import plan_adopt, plan_draft_update, plan_measure_add
from casusoverleg.registers import contribution_add, disclosure_register, person_add
from core import tasks as task_lifecycle
from parties.models import Party
from tests.casusoverleg.fixtures import GENNEP, RVDK, _weegploeg_task, agenda, deelnemer
from tests.factories import PartyFactory, UserFactory, party
from tests.weegploeg.fixtures import accepted, decided_with_four_eyes, melder, register, weegploeglid
from weegploeg import services as weegploeg_services
from weegploeg.models import AnalysisNext, Art41Ground, CriterionAnswer, DutyOutcome, Outcome, Signal, WeegploegFile

POLITIE = "De politie"

SUBJECT_A = {
    "given_names": "Mirthe Anouk",
    "surname_prefix": "van",
    "surname": "Kleuskens",
    "date_of_birth": datetime.date(1998, 3, 14),
    "address": "Kapelstraat 17",
    "postcode": "6591 BK",
    "residence": "Ottersum",
    "municipality": "Gennep",
    "bsn": "111222333",
}
SUBJECT_B = {
    "given_names": "Ruben",
    "surname_prefix": "",
    "surname": "Hendriksen",
    "date_of_birth": datetime.date(1995, 7, 2),
    "address": "Bakkerstraat 99",
    "postcode": "6591 ZZ",
    "residence": "Milsbeek",
    "municipality": "Gennep",
    "bsn": "",
}


def uitvoerder(party_name: str = "De gemeente Heerlen"):
    return accepted(UserFactory(roles=[Role.UITVOERDER], party=party(party_name), email="uitvoerder@example.invalid"))


@dataclasses.dataclass
class Case:
    file: WeegploegFile
    casus: CasusoverlegFile
    external: object
    values: dict  # what the overview must contain, by label
    foreign: list  # what it must never contain


def _agendered(subject: dict, *, second_signal: str, summary: str, note: str, motivation: str):
    file = register(melder(GENNEP), **subject)
    politie_user = accepted(UserFactory(roles=[Role.MELDER], party=party(POLITIE)))
    Signal.objects.create(
        file=file,
        observation=second_signal,
        observed_on=datetime.date(2026, 1, 12),
        melder_name="Wijkagent Peeters",
        melder_contact="peeters@politie.invalid",
        bringing_party=party(POLITIE),
        registered_by=politie_user,
    )
    lid = weegploeglid()
    task_lifecycle.task_complete(
        _weegploeg_task(file, "analyse"),
        lid,
        lambda: weegploeg_services.analysis_record(
            file,
            by=lid,
            revision_id=1,
            items=[("ID-1", CriterionAnswer.APPLIES, note)],
            summary=summary,
            next_step=AnalysisNext.BESLUIT,
        ),
    )
    decided_with_four_eyes(
        file, lid, outcome=Outcome.AGENDEREN, motivation=motivation, involved_parties=[party(RVDK)]
    )  # art. 7.4: proposed, then confirmed by another kernpartij (issue 13 item 8)
    task_lifecycle.task_complete(
        _weegploeg_task(file, "information_duty"),
        lid,
        lambda: weegploeg_services.information_duty_record(
            file,
            by=lid,
            consulted_parties=[party(POLITIE)],
            consultation_note="Overleg kernpartijen",
            outcome=DutyOutcome.DEFER,
            ground=Art41Ground.D,
            note="Lopend onderzoek",
            recheck_on=timezone.localdate() + datetime.timedelta(days=90),
        ),
    )
    file.refresh_from_db()
    return file, CasusoverlegFile.objects.get(source_weegploeg_number=file.number)


def build_case() -> Case:
    """Subject A in both files: two bringing parties, an analysis, a decision, a plan with a measure,
    a contribution, a disclosure to an externe casuspartner and an achterblijver (someone else)."""
    file, casus = _agendered(
        SUBJECT_A,
        second_signal="Bezocht een bijeenkomst van een extremistische groep in Venlo.",
        summary="Zorgwekkende uitingen en nieuwe contacten.",
        note="Filmpjes op sociale media",
        motivation="Persoonsgerichte aanpak nodig wegens nieuwe contacten.",
    )
    gennep = deelnemer(GENNEP)
    rvdk = deelnemer(RVDK)
    external = PartyFactory(name="Stichting Jongerenwerk Noord-Limburg", slug="jongerenwerk-noord-limburg")
    participant_add(casus, by=gennep, party=external, reason="Jongerenwerk voert een maatregel uit")
    plan_draft_update(casus, by=gennep, aim="Afstand nemen van extremistische contacten.")
    plan_measure_add(
        casus,
        by=gennep,
        description="Wekelijks gesprek met de jongerenwerker",
        goal="b",
        responsible_party=external,
        due_on=datetime.date(2026, 9, 30),
    )
    plan_adopt(casus, by=gennep, adopted_on=timezone.localdate(), present_parties=[party(GENNEP)])
    contribution_add(
        casus,
        by=rvdk,
        subject_matter="Gezinssituatie",
        content="Moeder heeft het gezag, vader woont in het buitenland.",
    )
    person_add(
        casus,
        by=gennep,
        kind=PersonKind.SOCIAAL_NETWERK,
        name="Yusuf Achterberg",
        address="Molenweg 3, Gennep",
        relevance="Vriend die de bijeenkomsten organiseert.",
    )
    from casusoverleg.models import CasusParticipant

    convenant = [
        p.party
        for p in CasusParticipant.objects.filter(file=casus).select_related("party")
        if p.party.role in ("kernpartij", "casuspartij")
    ]
    disclosure_register(
        casus,
        by=gennep,
        recipient=external,
        necessity="Nodig voor de gesprekken",
        data_kinds=[DataKind.SUBJECT, DataKind.SIGNALS],
        consenting_parties=convenant,
        consent_note="Per e-mail op 2 maart",
    )
    # Subject B mentions A as an achterblijver: B's data, not A's.
    _, casus_b = _agendered(
        SUBJECT_B,
        second_signal="Plaatste oproepen tot geweld op een forum.",
        summary="Oproepen tot geweld.",
        note="Forumberichten",
        motivation="Aanpak nodig voor oproepen.",
    )
    person_add(
        casus_b,
        by=gennep,
        kind=PersonKind.ACHTERBLIJVER,
        name="Mirthe Anouk van Kleuskens",
        address="Weg naar Raqqa 1, Syrië",
        relevance="Partner van de uitreiziger, bleef achter in het gezin.",
    )
    values = {
        **{k: (v.strftime("%d-%m-%Y") if isinstance(v, datetime.date) else v) for k, v in SUBJECT_A.items()},
        "signaal 1": "Deelt filmpjes die aanslagen verheerlijken.",
        "signaal 2": "Bezocht een bijeenkomst van een extremistische groep in Venlo.",
        "analyse": "Zorgwekkende uitingen en nieuwe contacten.",
        "criterium": "Filmpjes op sociale media",
        "besluit": "Persoonsgerichte aanpak nodig wegens nieuwe contacten.",
        "doel plan": "Afstand nemen van extremistische contacten.",
        "maatregel": "Wekelijks gesprek met de jongerenwerker",
        "inbreng": "Moeder heeft het gezag, vader woont in het buitenland.",
    }
    foreign = [
        "Yusuf Achterberg",
        "Molenweg 3",
        "Vriend die de bijeenkomsten organiseert.",
        "Weg naar Raqqa",
        "Partner van de uitreiziger",
        "Hendriksen",
        "Bakkerstraat 99",
        "Plaatste oproepen tot geweld",
        "Oproepen tot geweld.",
        "Wijkagent Peeters",
        "peeters@politie.invalid",
    ]
    return Case(file=file, casus=casus, external=external, values=values, foreign=foreign)


def deferral_assess_all(rights_request, by, *, still_applies: bool = False, reasoning: str = "Overleg gevoerd.") -> int:
    """Art. 11.4, 12.4: record for every item under the deferred information duty that the ground
    no longer (or still) applies, after consulting the party whose information it is (a kernpartij
    for the analysis, decision and plan). Returns the number of items assessed."""
    from rights import deferral

    items = deferral.deferral_items(rights_request)
    for item in items:
        deferral.deferral_item_assess(
            rights_request,
            by=by,
            item_key=item.key,
            consulted_party=Party.objects.get(pk=item.party_id) if item.party_id else party(POLITIE),
            consulted_on=timezone.localdate(),
            still_applies=still_applies,
            reasoning=reasoning,
        )
    return len(items)


def subject_file(**subject) -> WeegploegFile:
    """A weegploeg file only (enough for the representative and deadline rules)."""
    return register(melder(GENNEP), **subject)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(re.sub(r"-\n", "-", text).split())


__all__ = ["GENNEP", "POLITIE", "RVDK", "agenda"]
