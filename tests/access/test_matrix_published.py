"""Issue 12 item 3 / art. 15.2c-d: the access matrix is generated from the declarations and
published to the functioneel beheerder and in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from access.matrix import access_matrix, access_matrix_markdown, work_patterns
from accounts.roles import Role
from tests.factories import UserFactory, party
from tests.helpers import verified_client

README = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- toegangsmatrix:begin -->", "<!-- toegangsmatrix:end -->"


def test_art_15_2d_the_matrix_lists_every_work_screen_with_its_rule_in_words():
    rows = access_matrix()
    assert len(rows) == len(work_patterns())
    assert all(row.who and row.purpose and row.basis for row in rows)
    by_path = {row.path: row for row in rows}
    assert "kernpartij" in by_path["/werk/weegploeg/dossier/<str:number>/"].who


def test_art_15_2d_the_readme_section_is_the_generated_matrix():
    text = README.read_text(encoding="utf-8")
    section = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert section == access_matrix_markdown().strip(), "run: manage.py access_matrix and paste it into README.md"


@pytest.mark.django_db
def test_art_15_2c_the_functioneel_beheerder_reads_the_matrix_a_melder_does_not():
    beheerder = UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De politie"))
    page = verified_client(beheerder).get("/werk/toegangsmatrix/")
    assert page.status_code == 200
    assert "/werk/weegploeg/dossier/" in page.content.decode()
    melder = UserFactory(roles=[Role.MELDER], party=party("De politie"))
    assert verified_client(melder).get("/werk/toegangsmatrix/").status_code == 403
