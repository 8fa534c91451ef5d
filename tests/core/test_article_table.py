"""Issue 16 item 5: every test names the article of the convenant (or the other requirement) it proves,
and the README's table "artikel → tests" is the one ``tests/articles.py`` generates from those names."""

from __future__ import annotations

import pytest

from tests.articles import (
    README,
    Case,
    art_citations,
    article_table_markdown,
    cases_read,
    convenant_articles,
    index_build,
    other_source,
    readme_block,
)


def test_issue_16_5_the_readme_table_is_the_generated_one():
    text = README.read_text(encoding="utf-8")
    assert readme_block(text) == article_table_markdown().strip(), "run: make artikeltabel"


def test_issue_16_5_every_test_cites_an_article_of_the_convenant_or_another_named_requirement():
    problems = index_build(cases_read()).problems
    assert problems == [], "\n".join(problems)


def test_issue_16_5_the_structure_is_read_from_the_signed_text():
    articles = convenant_articles()
    assert list(articles) == list(range(1, 19))
    assert articles[7].title == "Werkwijze Weegploeg"
    assert {n: len(a.leden) for n, a in articles.items() if a.leden} == {
        7: 4,
        8: 5,
        9: 5,
        10: 5,
        11: 5,
        12: 6,
        13: 4,
        14: 1,
        15: 4,
        18: 4,
    }
    assert articles[15].leden[2].letters == list("abcdefg")
    assert articles[10].leden[2].letters == list("abcdefgh")
    assert articles[1].letters == list("abcdefghijklm")


@pytest.mark.parametrize(
    ("name", "units"),
    [
        ("test_art_8_4_only_kernpartijen", ["8.4"]),
        ("test_art_15_2e_the_log", ["15.2e"]),
        ("test_art_13_retention", ["13"]),
        ("test_art_14_15_2e_secrecy_and_the_log", ["14", "15.2e"]),
        ("test_art_13_2_14_archive_and_secrecy", ["13.2", "14"]),
        ("test_art_12_5_6_correction", ["12.5", "12.6"]),
        ("test_art_10_2_11_4_12_4_deferral", ["10.2", "11.4", "12.4"]),
        ("test_art_7_and_8_4_roles", ["7", "8.4"]),
        ("test_art_1c_11_1_bijlage_1", ["1c", "11.1"]),
        ("test_art_1_to_3_text", ["1", "2", "3"]),
    ],
)
def test_issue_16_5_citations_are_read_against_the_leden_of_the_convenant(name, units):
    assert [unit for unit, _ in art_citations(name)] == units


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("test_art_30_the_register", "geen artikel 30"),  # an article of the AVG, not of the convenant
        ("test_art_15_2h_logging", "geen onderdeel h"),
        ("test_art_15c_logging", "geen onderdeel c"),
        ("test_art_the_register", "geen artikelnummer"),
        ("test_art_5_to_3_text", "een reeks"),
    ],
)
def test_issue_16_5_a_citation_the_convenant_does_not_have_is_an_error(name, message):
    with pytest.raises(ValueError, match=message):
        art_citations(name)


def test_issue_16_5_other_requirements_are_named_by_their_source():
    assert other_source("test_issue_15_6_health_refuses_writes") == "Issue 15.6"
    assert other_source("test_asvs_3_2_1_session_id_is_renewed") == "OWASP ASVS 3.2.1"
    assert other_source("test_avg_38_the_privacy_officer") == "AVG art. 38"
    assert other_source("test_health_refuses_writes") is None


def test_issue_16_5_the_table_shows_each_test_under_every_unit_it_cites_and_the_gaps():
    cases = [
        Case("tests/a/test_one.py", "test_art_14_15_2e_secrecy_and_the_log"),
        Case("tests/a/test_one.py", "test_art_12_5_6_correction"),
        Case("tests/b/test_two.py", "test_issue_15_6_health"),
        Case("tests/b/test_two.py", "test_names_nothing"),
    ]
    table = article_table_markdown(cases)
    rows = {line.split(" | ")[0].strip("| *"): line for line in table.splitlines() if line.startswith("| ")}
    assert "`tests/a/test_one.py`: `test_art_14_15_2e_secrecy_and_the_log`" in rows["14"]
    assert "test_art_14_15_2e_secrecy_and_the_log" in rows["15.2"]
    assert "test_art_12_5_6_correction" in rows["12.5"]
    assert "test_art_12_5_6_correction" in rows["12.6"]
    assert "**geen test**" in rows["12.4"]
    assert "test_" not in rows["15"]
    assert "`tests/b/test_two.py`: `test_issue_15_6_health`" in rows["Issue 15.6"]
    gaps = next(line for line in table.splitlines() if line.startswith("**Zonder eigen test**"))
    assert "art. 12.4," in gaps
    assert "art. 14," not in gaps
    assert "art. 12.5," not in gaps
    assert "tests/b/test_two.py::test_names_nothing" in table
