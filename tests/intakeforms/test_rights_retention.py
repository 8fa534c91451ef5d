"""Issue 19.5: the intake answers are personal data of the subject like the rest of the file: the
inzage overview (art. 12.3) shows them with their questions, destruction (art. 13) removes them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from rights.models import RequesterKind, RequestKind
from rights.services.registration import identity_record, rights_request_register
from tests.clock import freeze_time
from tests.helpers import verified_client
from tests.rights.fixtures import build_case, deferral_assess_all, pdf_text, uitvoerder
from weegploeg.models import Signal

pytestmark = pytest.mark.django_db

ANSWERS = [
    {
        "question_id": "6c1f9a54-0000-4000-8000-000000000001",
        "label": "Welke school bezoekt de jongere?",
        "answer": "Xylofoonlyceum Ottersum",
        "revision_id": 1,
    },
    {
        "question_id": "6c1f9a54-0000-4000-8000-000000000002",
        "label": "Via welk kanaal kwam het signaal binnen?",
        "answer": "Telefoon",
        "revision_id": 1,
    },
]


def test_art_12_3_the_inzage_overview_pdf_contains_the_intake_answers_with_their_questions():
    case = build_case()
    signal = Signal.objects.filter(file=case.file).order_by("pk").first()
    signal.answers = ANSWERS
    signal.save(update_fields=["answers"])
    user = uitvoerder()
    request = rights_request_register(
        by=user,
        weegploeg_number=case.file.number,
        kind=RequestKind.INZAGE,
        received_on=timezone.localdate() - datetime.timedelta(days=2),
        requester_kind=RequesterKind.BETROKKENE,
        reply_address="Kapelstraat 17, 6591 BK Ottersum",
    )
    identity_record(request, established_on=timezone.localdate(), method="balie")
    deferral_assess_all(request, user)  # art. 11.4: the case's deferred duty no longer covers any item
    response = verified_client(user).get(f"/werk/rechten/verzoek/{request.number}/overzicht.pdf")
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    assert "aanvullende vragen" in text
    for item in ANSWERS:
        assert item["label"] in text
        assert item["answer"] in text


def test_art_13_3_destruction_removes_the_intake_answers():
    from retention.services import run as retention_services
    from tests.retention.fixtures import at, niet_agenderen

    with freeze_time(at()):
        file = niet_agenderen()
        assert Signal.objects.filter(file=file).update(answers=ANSWERS) == 1
    with freeze_time(at(months=6, days=1)):
        retention_services.retention_apply()
    assert not Signal.objects.filter(file__number=file.number).exists()
    assert not any("Xylofoonlyceum" in str(a) for a in Signal.objects.values_list("answers", flat=True))


def test_art_12_6_a_correction_reaches_the_stored_intake_answer():
    from django.core.exceptions import ValidationError

    from forms.services import intake_answer_correct
    from tests.weegploeg.fixtures import melder, register

    signal = register(melder()).signals.get()
    signal.answers = ANSWERS
    signal.save()
    intake_answer_correct(signal, question_id=ANSWERS[0]["question_id"], new_answer="Stedelijk College")
    signal.refresh_from_db()
    assert signal.answers[0]["answer"] == "Stedelijk College"
    assert signal.answers[0]["label"] == ANSWERS[0]["label"]  # the question stays as answered
    assert signal.answers[1] == ANSWERS[1]
    with pytest.raises(ValidationError) as unknown:
        intake_answer_correct(signal, question_id="onbekend", new_answer="x")
    assert unknown.value.code == "antwoord_onbekend"
