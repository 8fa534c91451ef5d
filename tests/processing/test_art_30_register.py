"""Art. 4-5 convenant, art. 30 AVG: the register of processing is kept in the system; recipients,
retention and security measures are read from the system, never retyped."""

from __future__ import annotations

import dataclasses
import io

import pytest
from django.test import Client
from pypdf import PdfReader

from accounts.roles import Role
from parties.models import PartyKind, PartyRole
from processing.models import ProcessingActivity
from retention import rules as retention_rules
from tests.factories import PartyFactory, UserFactory, party
from tests.helpers import HOST, verified_client

pytestmark = pytest.mark.django_db


def _uitvoerder():
    return UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"))


def test_art_4_the_register_holds_the_four_processings_with_their_purposes():
    page = verified_client(_uitvoerder()).get("/werk/verwerkingsregister/").content.decode()
    for title in ("Weegploeg", "Casusoverleg", "verzoeken van betrokkenen", "Toegangslog"):
        assert title in page
    assert "art. 13.3: Vernietigen 6 maanden na het besluit niet te agenderen" in page


def test_art_4_retention_follows_the_rules_table_without_editing_the_register(monkeypatch):
    changed = tuple(dataclasses.replace(rule, months=rule.months + 1) for rule in retention_rules.RULES)
    monkeypatch.setattr("processing.selectors.RULES", changed)
    page = verified_client(_uitvoerder()).get("/werk/verwerkingsregister/").content.decode()
    assert "Vernietigen 7 maanden na het besluit niet te agenderen" in page


def test_art_4_recipients_follow_the_party_registry_and_the_disclosure_register():
    client = verified_client(_uitvoerder())
    assert "De gemeente Nieuwdorp" not in client.get("/werk/verwerkingsregister/").content.decode()
    PartyFactory(
        name="De gemeente Nieuwdorp", slug="gemeente-nieuwdorp", kind=PartyKind.GEMEENTE, role=PartyRole.KERNPARTIJ
    )
    assert "De gemeente Nieuwdorp" in client.get("/werk/verwerkingsregister/").content.decode()


def test_art_5_the_uitvoerder_changes_the_register_and_the_old_text_is_kept():
    user = _uitvoerder()
    client = verified_client(user)
    activity = ProcessingActivity.objects.get(kind="toegangslog")
    old = activity.purposes
    data = {
        f: getattr(activity, f)
        for f in ("purposes", "data_categories", "subject_categories", "legal_basis", "transfers")
    }
    refused = client.post(
        "/werk/verwerkingsregister/toegangslog/wijzigen/", {**data, "purposes": "Nieuw doel", "reason": ""}
    )
    assert refused.status_code == 400
    assert "Dit veld is vereist." in refused.content.decode()
    activity.refresh_from_db()
    assert activity.purposes == old
    done = client.post(
        "/werk/verwerkingsregister/toegangslog/wijzigen/",
        {**data, "purposes": "Nieuw doel", "reason": "Herziening 2026"},
    )
    assert done.status_code == 302
    activity.refresh_from_db()
    assert activity.purposes == "Nieuw doel"
    (version,) = activity.versions.all()
    assert (version.number, version.purposes, version.reason, version.changed_by_id) == (
        1,
        old,
        "Herziening 2026",
        user.pk,
    )
    history = client.get("/werk/verwerkingsregister/toegangslog/geschiedenis/").content.decode()
    assert "Versie 1" in history
    assert "Herziening 2026" in history


def test_art_5_the_functioneel_beheerder_reads_but_does_not_change_and_a_melder_sees_nothing():
    beheerder = verified_client(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De politie")))
    assert beheerder.get("/werk/verwerkingsregister/").status_code == 200
    assert beheerder.get("/werk/verwerkingsregister/weegploeg/wijzigen/").status_code == 403
    melder = verified_client(UserFactory(roles=[Role.MELDER], party=party("De politie")))
    assert melder.get("/werk/verwerkingsregister/").status_code == 403


def test_art_4_the_register_prints_as_pdf_and_has_a_public_summary():
    pdf = verified_client(_uitvoerder()).get("/werk/verwerkingsregister/register.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Verwerkingsregister" in text
    assert "Bewaartermijnen" in text
    public = Client(HTTP_HOST=HOST).get("/verwerkingsregister/")
    assert public.status_code == 200
    assert "Hoe wij persoonsgegevens verwerken" in public.content.decode()
