"""Issue 13 item 6 (art. 8.2a, 10.2a, 12.6): BSN and names are valid and canonical on every path.

Three Unicode inputs: a full-width BSN, a zero-width space inside a surname and a right-to-left
override in a name, on the intake (over HTTP), the correction path and the admin/model-form path.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from core.fields import BSN_CODE, BSN_MESSAGE, bsn_compact, bsn_is_valid
from core.text import BIDI_CODE, BIDI_MESSAGE, text_free_clean, text_name_normalise
from rights.models import RightsRequest
from rights.services.correction import correction_value_parse
from tests.helpers import verified_client
from tests.rights.fixtures import build_case, uitvoerder
from tests.weegploeg.fixtures import SUBJECT, intake_post, melder, register
from weegploeg.models import Signal, Subject, WeegploegFile
from weegploeg.services import subject_matches, weegploeg_subject_correct

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("services_as_verified_users")]

INTAKE = "/werk/weegploeg/melden/"
FULL_WIDTH_BSN = "１１１２２２３３３"
ASCII_BSN = "111222333"
ZWSP_SURNAME = "Vr\u200bies"
RLO_NAME = "\u202eseirV"


def test_art_8_2_text_normalisers_keep_zwnj_and_zwj_and_free_text_only_loses_bidi():
    assert text_name_normalise("Ａｎｎａ\u200b \ufeffde\u2060 Vries ") == "Anna de Vries"
    assert text_name_normalise("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ kept
    assert text_name_normalise("क्\u200dष") == "क्\u200dष"  # ZWJ kept
    assert text_free_clean("Hij zei \u202egeweld\u202c\u200b ") == "Hij zei geweld\u200b "
    assert bsn_compact(FULL_WIDTH_BSN) == ASCII_BSN
    assert bsn_compact("111.222.333") == ASCII_BSN
    assert bsn_is_valid(FULL_WIDTH_BSN)
    assert not bsn_is_valid("123456789")
    assert not bsn_is_valid("000000000")


# --- Intake over HTTP -------------------------------------------------------------------------------


def test_art_8_2_full_width_bsn_on_intake_is_stored_ascii_and_links_to_the_ascii_subject(published_referentiekader):
    first = register(melder(), bsn=ASCII_BSN, surname="Anders")
    client = verified_client(melder())
    response = client.post(INTAKE, intake_post(bsn=FULL_WIDTH_BSN))
    assert response.status_code == 302, response.content.decode()[:1500]
    second = WeegploegFile.objects.exclude(pk=first.pk).get()
    assert second.subject.bsn == ASCII_BSN
    assert first in subject_matches(second)
    assert second in subject_matches(first)


def test_art_8_2_zero_width_space_in_surname_is_removed_and_the_known_subject_matches(published_referentiekader):
    first = register(melder())  # "Vries", same given names and date of birth
    client = verified_client(melder())
    assert client.post(INTAKE, intake_post(surname=ZWSP_SURNAME)).status_code == 302
    second = WeegploegFile.objects.exclude(pk=first.pk).get()
    assert second.subject.surname == "Vries"
    assert [f.pk for f in subject_matches(second)] == [first.pk]


def test_art_8_2_right_to_left_override_in_a_name_is_refused_with_a_dutch_message(published_referentiekader):
    client = verified_client(melder())
    for field in ("given_names", "surname", "melder_name"):
        data = intake_post(**{field: RLO_NAME}, melder="namens", melder_contact="06-12345678")
        response = client.post(INTAKE, data)
        assert response.status_code == 400
        assert "leesrichting" in response.content.decode()
    assert not WeegploegFile.objects.exists()
    assert not Subject.objects.exists()
    assert not Signal.objects.exists()


def test_art_8_2_service_normalises_even_when_called_without_a_form(published_referentiekader):
    file = register(melder(), bsn=FULL_WIDTH_BSN, surname=ZWSP_SURNAME)
    assert (file.subject.bsn, file.subject.surname) == (ASCII_BSN, "Vries")
    with pytest.raises(ValidationError) as refused:
        register(melder(), surname=RLO_NAME)
    assert BIDI_MESSAGE in refused.value.messages
    with pytest.raises(ValidationError) as refused:
        register(melder(), bsn="123456789")
    assert BSN_MESSAGE in refused.value.messages
    assert WeegploegFile.objects.count() == 1


# --- Correction (art. 12.6) -------------------------------------------------------------------------


def test_art_12_6_correction_refuses_an_invalid_bsn_and_a_bidi_name_and_normalises_the_rest():
    for raw in ("123456789", "12345678X"):
        with pytest.raises(ValidationError) as refused:
            correction_value_parse("bsn", raw)
        assert BSN_MESSAGE in refused.value.messages
        assert refused.value.code == BSN_CODE
    with pytest.raises(ValidationError) as refused:
        correction_value_parse("surname", RLO_NAME)
    assert refused.value.code == BIDI_CODE
    assert correction_value_parse("bsn", FULL_WIDTH_BSN) == ASCII_BSN
    assert correction_value_parse("surname", ZWSP_SURNAME) == "Vries"


def test_art_12_6_bsn_123456789_refused_on_the_correction_path_over_http_and_in_both_files():
    case = build_case()
    client = verified_client(uitvoerder())
    response = client.post(
        "/werk/rechten/nieuw/",
        {
            "weegploeg_number": case.file.number,
            "kind": "correctie",
            "received_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "requester_kind": "betrokkene",
            "requester_name": "",
            "reply_address": "Kapelstraat 17\n6591 BK Ottersum",
            "field_1": "bsn",
            "value_1": "123456789",
            "reason_1": "Verkeerd nummer.",
        },
    )
    assert response.status_code == 400
    assert BSN_MESSAGE in response.content.decode()
    assert not RightsRequest.objects.exists()
    # The file services themselves refuse it too (the one write path runs full_clean()).
    subject = case.file.subject
    before = subject.bsn
    with pytest.raises(ValidationError):
        weegploeg_subject_correct(subject, {"bsn": "123456789"})
    from casusoverleg.case import casus_subject_correct
    from casusoverleg.models import CasusSubject

    with pytest.raises(ValidationError):
        casus_subject_correct([case.file.number], {"surname": RLO_NAME})
    subject.refresh_from_db()
    assert subject.bsn == before
    assert RLO_NAME not in CasusSubject.objects.get(file=case.casus).surname
    # A full-width BSN and a zero-width space are stored canonical in both files.
    weegploeg_subject_correct(subject, {"bsn": FULL_WIDTH_BSN, "surname": ZWSP_SURNAME})
    casus_subject_correct([case.file.number], {"bsn": FULL_WIDTH_BSN, "surname": ZWSP_SURNAME})
    subject.refresh_from_db()
    casus_subject = CasusSubject.objects.get(file=case.casus)
    assert (subject.bsn, subject.surname) == (ASCII_BSN, "Vries")
    assert (casus_subject.bsn, casus_subject.surname) == (ASCII_BSN, "Vries")


# --- Admin / model forms ----------------------------------------------------------------------------


def _admin_form(data):
    request = RequestFactory().get("/")
    form_class = admin.ModelAdmin(Subject, admin.site).get_form(request, fields=[*SUBJECT])
    return form_class(data={**{k: str(v) for k, v in SUBJECT.items()}, **data})


def test_art_8_2_admin_model_form_normalises_and_refuses():
    form = _admin_form({"bsn": FULL_WIDTH_BSN, "surname": ZWSP_SURNAME})
    assert form.is_valid(), form.errors
    subject = form.save()
    subject.refresh_from_db()
    assert (subject.bsn, subject.surname) == (ASCII_BSN, "Vries")
    form = _admin_form({"bsn": "123456789"})
    assert not form.is_valid()
    assert BSN_MESSAGE in form.errors["bsn"]
    form = _admin_form({"given_names": RLO_NAME})
    assert not form.is_valid()
    assert BIDI_MESSAGE in form.errors["given_names"]
    assert Subject.objects.count() == 1


def test_art_8_2_model_full_clean_refuses_and_plain_save_still_stores_canonical():
    subject = Subject(**{**SUBJECT, "bsn": "123456789"})
    with pytest.raises(ValidationError) as refused:
        subject.full_clean()
    assert refused.value.error_dict["bsn"][0].code == "bsn_invalid"
    subject = Subject(**{**SUBJECT, "bsn": FULL_WIDTH_BSN, "surname": ZWSP_SURNAME})
    subject.save()
    assert Subject.objects.filter(pk=subject.pk, bsn=ASCII_BSN, surname="Vries").exists()
