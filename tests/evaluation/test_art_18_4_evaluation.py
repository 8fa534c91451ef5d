"""Art. 18.4: yearly figures for the parties' evaluation, without personal data, small numbers
suppressed so that no published cell, total or difference of published cells reveals them."""

from __future__ import annotations

import io
import itertools

import pytest
from django.utils import timezone
from pypdf import PdfReader

from accounts.roles import Role
from evaluation.figures import Figure
from evaluation.services import evaluation_publish
from evaluation.suppression import figure_publish
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import accepted, register

pytestmark = pytest.mark.django_db


def _published_numbers(figure) -> list[int]:
    cells = [*figure.cells, *([figure.total] if figure.total else [])]
    return [c.value for c in cells if c.value is not None]


def _reveals(numbers: list[int], secret: int) -> bool:
    differences = {abs(a - b) for a, b in itertools.combinations(numbers, 2)}
    return secret in numbers or secret in differences


@pytest.mark.parametrize(
    "counts",
    [[3, 40], [40, 3], [3, 0, 40], [3, 40, 7], [3, 4, 40, 12], [0, 0, 3, 40]],
)
def test_art_18_4_no_published_cell_or_difference_reveals_a_count_of_3(counts):
    published = figure_publish(Figure("t", "Test", "art. 18.4", [(str(i), c) for i, c in enumerate(counts)]), 5)
    numbers = _published_numbers(published)
    assert not _reveals(numbers, 3)
    shown = [c.shown for c in published.cells]
    assert shown[counts.index(3)] == "< 5"
    assert sum(c.value is None for c in published.cells) >= 2


def test_art_18_4_a_total_below_the_threshold_is_suppressed_and_large_cells_are_shown():
    small = figure_publish(Figure("t", "Test", "art. 18.4", [("a", 1), ("b", 2)]), 5)
    assert small.total.shown == "< 5"
    large = figure_publish(Figure("t", "Test", "art. 18.4", [("a", 12), ("b", 40)]), 5)
    assert [c.shown for c in large.cells] == ["12", "40"]
    assert large.total.shown == "52"


def _year_with_3_and_40():
    politie = accepted(UserFactory(roles=[Role.MELDER], party=party("De politie")))
    gemeente = accepted(UserFactory(roles=[Role.MELDER], party=party("De gemeente Venlo")))
    for _ in range(3):
        register(politie)
    for _ in range(40):
        register(gemeente)
    return timezone.localdate().year


def test_art_18_4_a_year_with_3_and_40_signals_reveals_the_3_nowhere():
    year = _year_with_3_and_40()
    entries = evaluation_publish(year)
    signals = next(e.figure for e in entries if e.figure.key == "signalen")
    assert signals.total.shown == "43"
    every_number = [n for e in entries for n in _published_numbers(e.figure)]
    assert not _reveals(every_number, 3)
    assert all("&lt; 5" in e.chart or not e.figure.suppressed_any for e in entries)  # said in words


def test_art_18_4_page_csv_and_pdf_for_kernpartijen_not_for_casuspartijen():
    year = _year_with_3_and_40()
    uitvoerder = UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"))
    client = verified_client(uitvoerder)
    page = client.get("/werk/evaluatie/", {"jaar": year})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    assert "Ontvangen signalen per soort inbrengende partij" in html
    assert "&lt; 5" in html
    csv_text = client.get(f"/werk/evaluatie/{year}/cijfers.csv").content.decode()
    assert f"{year};Ontvangen signalen per soort inbrengende partij;art. 7;Totaal;43" in csv_text
    pdf = client.get(f"/werk/evaluatie/{year}/evaluatie.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Evaluatie van het convenant" in text
    assert "43" in text
    rvdk = UserFactory(roles=[Role.CASUSOVERLEG_DEELNEMER], party=party("De Raad voor de kinderbescherming"))
    assert verified_client(rvdk).get("/werk/evaluatie/").status_code == 403


def test_art_18_4_an_unknown_year_gets_a_dutch_message_and_no_figures():
    uitvoerder = UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"))
    page = verified_client(uitvoerder).get("/werk/evaluatie/", {"jaar": "1850"})
    assert page.status_code == 400
    assert "Kies een jaar uit de lijst." in page.content.decode()
    assert verified_client(uitvoerder).get("/werk/evaluatie/1850/cijfers.csv").status_code == 400
