"""Person search across both files and the archive (art. 8.4, 10.4, 13.2, 15.2e), and the answer
"no data held" to a request for inzage (art. 12)."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from accesslog.models import AccessLogEntry
from accounts.roles import Role
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda, deelnemer
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import accepted, melder, register, uitvoerder
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db

BY_NAME = {"surname": "Vries", "date_of_birth": "5-4-2001", "bsn": ""}


def _search(user, data=BY_NAME):
    return verified_client(user).post("/werk/personen/", data)


def test_art_13_2_the_uitvoerder_finds_a_person_in_both_files_and_the_archive():
    weegploeg_file = register(melder())
    casus = agenda(involved=[RVDK])
    archived = register(melder())
    WeegploegFile.objects.filter(pk=archived.pk).update(archived_at=timezone.now())
    page = _search(uitvoerder()).content.decode()
    for number in (weegploeg_file.number, casus.number, casus.source_weegploeg_number, archived.number):
        assert number in page
    assert "Gearchiveerd" in page


def test_art_10_4_a_casuspartij_finds_only_cases_its_party_takes_part_in():
    casus = agenda(involved=[RVDK])
    seen = _search(deelnemer(RVDK)).content.decode()
    assert casus.number in seen
    assert casus.source_weegploeg_number not in seen  # art. 8.4: the weegploeg file is for kernpartijen
    other = _search(deelnemer("De Reclassering Nederland"))
    assert other.status_code == 200
    assert casus.number not in other.content.decode()


def test_art_15_2e_each_search_writes_one_row_naming_the_files_shown_never_the_terms():
    casus = agenda(involved=[RVDK])
    user = deelnemer(GENNEP)
    response = _search(user)
    assert response.status_code == 200
    (row,) = AccessLogEntry.objects.filter(user_id=user.pk)
    assert row.object_ref == "personen-zoeken"
    assert casus.number in row.shown_refs
    # Every stored column holds none of the terms, in any form of the date; the year alone is looked
    # for in the columns a person's words could reach, not in the ids, times, transaction id and
    # hex digests, which hold any four digits sooner or later (CI once found "2001" in the memory
    # address that the row's ``__dict__`` carried).
    stored = {field.attname: str(getattr(row, field.attname)) for field in AccessLogEntry._meta.concrete_fields}
    for term in ("Vries", "5-4-2001", "05-04-2001", "2001-04-05"):
        assert term not in " ".join(stored.values()), term
    written = ("roles", "action", "object_type", "object_ref", "shown_refs", "purpose", "client_address")
    assert "2001" not in " ".join(stored[column] for column in written)
    assert "Vries" not in response.wsgi_request.get_full_path()


def test_art_13_2_a_full_width_bsn_finds_the_same_person():
    file = register(melder(), bsn="111222333")
    page = _search(uitvoerder(), {"surname": "", "date_of_birth": "", "bsn": "１１１２２２３３３"}).content.decode()
    assert file.number in page


def test_art_12_search_terms_are_required_and_a_melder_may_not_search():
    page = _search(uitvoerder(), {"surname": "Vries", "date_of_birth": "", "bsn": ""})
    assert page.status_code == 400
    assert "Zoek op achternaam mét geboortedatum, of op BSN." in page.content.decode()
    assert _search(accepted(UserFactory(roles=[Role.MELDER], party=party("De politie")))).status_code == 403


def test_art_12_the_no_data_letter_only_when_nothing_is_held_anywhere():
    user = uitvoerder()
    client = verified_client(user)
    letter = {**BY_NAME, "addressee": "J. Janssen", "reply_address": "Postbus 7", "received_on": "1-11-2026"}
    nothing = client.post("/werk/personen/geen-gegevens.pdf", {**letter, "surname": "Janssen"})
    assert nothing["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(nothing.content)).pages)
    assert "Er zijn over u geen persoonsgegevens vastgelegd" in text
    archived = register(melder())
    WeegploegFile.objects.filter(pk=archived.pk).update(archived_at=timezone.now())
    refused = client.post("/werk/personen/geen-gegevens.pdf", letter)
    assert refused.status_code == 400
    assert "Er zijn wél gegevens over deze persoon vastgelegd" in refused.content.decode()
