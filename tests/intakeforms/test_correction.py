"""Issue 19.5: correction (art. 12.5-12.6) reaches the intake answers. The uitvoerder names the
answer by its question; the question stays as it was answered, the answer changes, it is logged
like every other correction and the parties are told what changed (never the value)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accesslog.models import AccessAction, AccessLogEntry
from forms.models import QuestionType
from rights.models import CorrectionItem, CorrectionNotice, RequestStatus, RightsRequest
from tests.helpers import verified_client
from tests.intakeforms.helpers import live_questions, publish, question
from tests.rights.fixtures import uitvoerder
from tests.weegploeg.fixtures import melder, register

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
LABEL = "Welke school bezoekt de jongere?"


def _file_with_answer():
    page = publish(
        [
            question(LABEL, QuestionType.SINGLELINE),
            question("Eerder gemeld?", QuestionType.CHECKBOX),
            question("Een vraag die dit signaal niet beantwoordde"),
        ]
    )
    school, earlier, _unanswered = live_questions(page)
    file = register(melder())
    signal = file.signals.get()
    signal.answers = [
        {"question_id": str(school.uuid), "label": LABEL, "answer": "Xylofoonlyceum", "revision_id": 1},
        {"question_id": str(earlier.uuid), "label": "Eerder gemeld?", "answer": "Nee", "revision_id": 1},
    ]
    signal.save(update_fields=["answers"])
    return file, signal, str(school.uuid), str(earlier.uuid)


def _post(client, request, data):
    response = client.post(f"/werk/rechten/verzoek/{request.number}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    request.refresh_from_db()
    return request


def _register(client, file, field, value="Zonnewijzer College", reason="De school klopt niet."):
    return client.post(
        "/werk/rechten/nieuw/",
        {
            "weegploeg_number": file.number,
            "kind": "correctie",
            "received_on": (TODAY() - datetime.timedelta(days=2)).isoformat(),
            "requester_kind": "betrokkene",
            "requester_name": "",
            "reply_address": "Kapelstraat 17\n6591 BK Ottersum",
            "field_1": field,
            "value_1": value,
            "reason_1": reason,
        },
    )


def test_art_12_5_correction_of_an_intake_answer_keeps_the_question_as_answered():
    file, signal, school, earlier = _file_with_answer()
    user = uitvoerder()
    client = verified_client(user)
    form = client.get("/werk/rechten/nieuw/").content.decode()
    assert f'value="antwoord:{school}"' in form
    assert f"Antwoord op de vraag: {LABEL}" in form
    response = _register(client, file, f"antwoord:{school}")
    assert response.status_code == 302, response.content.decode()[:2000]
    request = RightsRequest.objects.get()
    item = request.corrections.get()
    assert (item.field, item.question_id, item.question_label) == ("intake_answer", school, LABEL)
    detail = client.get(f"/werk/rechten/verzoek/{request.number}/").content.decode()
    assert f"antwoord op de vraag “{LABEL}”" in detail.replace("&ldquo;", "“").replace("&rdquo;", "”")
    request = _post(client, request, {"established_on": TODAY().isoformat(), "method": "balie", "note": ""})
    request = _post(
        client,
        request,
        {"accepted": [str(item.pk)], "decided_on": TODAY().isoformat(), "motivation": "De school is gewijzigd."},
    )
    assert request.status == RequestStatus.CORRECTIE_UITVOERING
    request = _post(client, request, {"executed_on": TODAY().isoformat()})
    assert request.status == RequestStatus.AFGEROND
    signal.refresh_from_db()
    corrected, untouched = signal.answers
    assert corrected["question_id"] == school
    assert corrected["label"] == LABEL
    assert corrected["answer"] == "Zonnewijzer College"
    assert corrected["corrected_on"] == TODAY().isoformat()
    assert untouched == {"question_id": earlier, "label": "Eerder gemeld?", "answer": "Nee", "revision_id": 1}
    # logged like other corrections: an update row for the file, the notice names the question, not the value
    assert AccessLogEntry.objects.filter(
        action=AccessAction.UPDATE, allowed=True, object_type="weegploeg_file", object_ref=file.number
    ).exists()
    notices = list(CorrectionNotice.objects.filter(request=request))
    assert notices
    assert all(n.changed_fields == [f"antwoord op de vraag “{LABEL}”"] for n in notices)
    assert not any("Zonnewijzer" in str(v) for n in notices for v in n.__dict__.values())


def test_art_12_5_an_answer_the_file_does_not_hold_is_refused_in_dutch_and_nothing_is_registered():
    file, _signal, school, _earlier = _file_with_answer()
    from forms.selectors import intake_definition_published

    missing = intake_definition_published().questions[2].uuid
    client = verified_client(uitvoerder())
    response = _register(client, file, f"antwoord:{missing}")
    assert response.status_code == 400
    assert "geen antwoord op die vraag" in response.content.decode()
    too_long = _register(client, file, f"antwoord:{school}", value="x" * 2001)
    assert too_long.status_code == 400
    assert not RightsRequest.objects.exists()
    assert not CorrectionItem.objects.exists()
