"""Issue 16 item 5: the table "artikel → tests" in README.md, generated from the names of the tests.

Every test names what it proves at the start of its name:

- ``test_art_<citaat>_…`` — an article of the convenant. A citation is a row of numbers: an
  article, optionally followed by a lid (``8_4`` is art. 8.4) with an optional letter (``15_2e``).
  Numbers are read against the convenant's own structure: after an article, a number is a lid when
  the article has that lid, otherwise the next article (``14_15_2e`` = 14 and 15.2e, ``13_2_14`` =
  13.2 and 14); after a lid, a higher number the article also has is another lid (``12_5_6`` = 12.5
  and 12.6). ``and`` always starts a new article (``7_and_8_4``), ``to`` a range (``1_to_18``).
  A citation of an article or lid the convenant does not have is an error.
- ``test_<bron>_<nummer>_…`` — a requirement that is not an article of the convenant:
  ``avg`` (an article of the AVG), ``asvs`` (OWASP ASVS), ``bio`` (BIO), ``wcag`` (WCAG 2.1) or
  ``issue`` (an issue of this project and its item: ``test_issue_15_6_…`` = issue 15, item 6) —
  infrastructure, deployment, performance, settings, the demo.

``python -m tests.articles`` prints the Markdown block; ``--write`` puts it into README.md between
the markers (``make artikeltabel``). ``tests/core/test_article_table.py`` fails when the README block
is not what this module generates, or when a test cites nothing or something that does not exist.
The module reads files only: no Django, no database.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CONVENANT = ROOT / "pages" / "data" / "convenant-limburg-2019.txt"  # identical to the signed text
START, END = "<!-- artikeltabel:begin -->", "<!-- artikeltabel:end -->"

SOURCES = {"avg": "AVG art.", "asvs": "OWASP ASVS", "bio": "BIO", "wcag": "WCAG", "issue": "Issue"}
SOURCE_NAME = re.compile(r"test_(" + "|".join(SOURCES) + r")_(\d+(?:_\d+)*)(?:_|$)")
TOKEN = re.compile(r"(\d+)([a-z]?)")
HEADING = re.compile(r"\s*Artikel (\d+) (.+?)\s*$")
LID = re.compile(r"\s*(\d+)\.\s+(\S.*?)\s*$")
LETTER = re.compile(r"\s*([a-z])[.)]\s")


@dataclass
class Lid:
    number: int
    opening: str
    letters: list[str] = field(default_factory=list)


@dataclass
class Article:
    number: int
    title: str
    leden: dict[int, Lid] = field(default_factory=dict)
    letters: list[str] = field(default_factory=list)  # items a, b, … of an article without leden


@dataclass(frozen=True)
class Case:
    path: str  # relative to the project root
    name: str


@cache
def convenant_articles() -> dict[int, Article]:
    """The articles of the signed text with their leden and lettered items."""
    articles: dict[int, Article] = {}
    article = lid = None
    for line in CONVENANT.read_text(encoding="utf-8").splitlines():
        if match := HEADING.match(line):
            article, lid = Article(int(match[1]), match[2]), None
            articles[article.number] = article
        elif article is None:
            continue
        elif (match := LID.match(line)) and int(match[1]) == len(article.leden) + 1:
            lid = article.leden[int(match[1])] = Lid(int(match[1]), match[2])
        elif match := LETTER.match(line):
            letters = lid.letters if lid else article.letters
            if ord(match[1]) == ord("a") + len(letters):
                letters.append(match[1])
    return articles


def _rows(article: Article) -> list[str]:
    """The table rows of an article: the article, then each lid (an article of one lid is one row)."""
    own = [str(article.number)]
    return own if len(article.leden) < 2 else own + [f"{article.number}.{n}" for n in article.leden]


def _row(unit: str) -> str:
    """The row a cited unit is listed in: ``15.2e`` → ``15.2``, ``1c`` → ``1``, ``14.1`` → ``14``."""
    row = re.match(r"\d+(\.\d+)?", unit)[0]
    return row if row in _rows(convenant_articles()[int(row.split(".")[0])]) else row.split(".")[0]


def _unit(article: Article, lid: int | None, letter: str, name: str) -> str:
    """``8``, ``8.4``, ``15.2e`` or ``1c``; raises ValueError for what the convenant does not have."""
    letters = article.leden[lid].letters if lid else article.letters
    if letter and letter not in letters:
        raise ValueError(f"{name}: art. {article.number}{f'.{lid}' if lid else ''} heeft geen onderdeel {letter}")
    return f"{article.number}{f'.{lid}' if lid else ''}{letter}"


def art_citations(name: str) -> list[tuple[str, bool]]:
    """The convenant units a ``test_art_…`` name cites, in its order, each with whether it came from a range."""
    articles = convenant_articles()
    cited: list[tuple[str, bool]] = []
    article: Article | None = None
    lid: int | None = None
    joiner = ""
    for token in name.removeprefix("test_art_").split("_"):
        if token in ("and", "to"):
            joiner = token
            continue
        match = TOKEN.fullmatch(token)
        if not match:
            break
        number, letter = int(match[1]), match[2]
        if joiner == "to":
            if article is None or lid is not None or number not in articles or number <= article.number:
                raise ValueError(f"{name}: een reeks loopt van artikel tot een later artikel")
            cited[-1] = (str(article.number), True)
            cited += [(str(n), True) for n in range(article.number + 1, number + 1)]
            joiner, article, lid = "", None, None
            continue
        if article is not None and not joiner and number in article.leden and (lid is None or number > lid):
            if lid is None:
                cited.pop()  # the article was the start of "article.lid", not cited as a whole
            lid = number
            cited.append((_unit(article, lid, letter, name), False))
            continue
        if number not in articles:
            raise ValueError(f"{name}: het convenant heeft geen artikel {number}")
        article, lid, joiner = articles[number], None, ""
        cited.append((_unit(article, None, letter, name), False))
    if not cited:
        raise ValueError(f"{name}: na test_art_ staat geen artikelnummer")
    return cited


def other_source(name: str) -> str | None:
    """``Issue 15.6``, ``OWASP ASVS 3.2.1``… for a name that cites a requirement outside the convenant."""
    match = SOURCE_NAME.match(name)
    return f"{SOURCES[match[1]]} {match[2].replace('_', '.')}" if match else None


def cases_read() -> list[Case]:
    """Every test function under tests/, by reading the files (test_*.py, as pytest collects them)."""
    cases = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        if "node_modules" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
                cases.append(Case(path.relative_to(ROOT).as_posix(), node.name))
    return cases


@dataclass
class Index:
    by_unit: dict[str, list[Case]] = field(default_factory=lambda: defaultdict(list))
    direct: set[str] = field(default_factory=set)  # units cited by name, not only through a range
    by_source: dict[str, list[Case]] = field(default_factory=lambda: defaultdict(list))
    problems: list[str] = field(default_factory=list)


def index_build(cases: list[Case]) -> Index:
    index = Index()
    for case in cases:
        if case.name.startswith("test_art_"):
            try:
                units = art_citations(case.name)
            except ValueError as error:
                index.problems.append(f"{case.path}::{error}")
                continue
            rows: dict[str, bool] = {}
            for unit, ranged in units:
                row = _row(unit)
                rows[row] = rows.get(row, True) and ranged
            for row, ranged in rows.items():
                index.by_unit[row].append(case)
                if not ranged:
                    index.direct.add(row)
        elif source := other_source(case.name):
            index.by_source[source].append(case)
        else:
            index.problems.append(f"{case.path}::{case.name}: noemt geen artikel en geen andere bron")
    return index


def _tests_cell(cases: list[Case]) -> str:
    by_file: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        by_file[case.path].append(f"`{case.name}`")
    return "<br>".join(f"`{path}`: {', '.join(names)}" for path, names in by_file.items())


def _opening(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def gaps(index: Index) -> list[str]:
    """The leden (and the articles of at most one lid) that no test names; a range does not count."""
    units = []
    for article in convenant_articles().values():
        rows = _rows(article)
        units += rows[1:] if len(rows) > 1 else rows  # an article of several leden is covered lid by lid
    return [unit for unit in units if unit not in index.direct]


def _source_key(source: str) -> tuple:
    name, number = source.rsplit(" ", 1)
    return (list(SOURCES.values()).index(name), [int(part) for part in number.split(".")])


def article_table_markdown(cases: list[Case] | None = None) -> str:
    """The README block between the markers (without them)."""
    cases = cases_read() if cases is None else cases
    index = index_build(cases)
    articles = convenant_articles()
    cited = {c for unit_cases in index.by_unit.values() for c in unit_cases}
    others = sum(len(v) for v in index.by_source.values())
    missing = gaps(index)
    lines = [
        f"{len(cases)} tests: {len(cited)} noemen een artikel van het convenant, {others} een andere eis "
        f"(AVG, OWASP ASVS, BIO, WCAG of een issue van dit project), {len(index.problems)} niets.",
        "",
        "**Zonder eigen test** (geen test noemt dit lid of artikel; de teksttoetsen `test_art_1_to_18_…` "
        "dekken alleen de publicatie): " + ", ".join(f"art. {unit}" for unit in missing) + ".",
        "",
        f"<details><summary>Artikel → tests ({len(cited)} tests)</summary>",
        "",
        "| art. | tekst | tests |",
        "|---|---|---|",
    ]
    for article in articles.values():
        row, title = str(article.number), article.title[0].upper() + article.title[1:]
        lines.append(f"| **{row}** | **{title}** | {_tests_cell(index.by_unit[row]) or '**geen test**'} |")
        for unit in _rows(article)[1:]:
            cell = _tests_cell(index.by_unit[unit]) or "**geen test**"
            lines.append(f"| {unit} | {_opening(article.leden[int(unit.split('.')[1])].opening)} | {cell} |")
    lines += ["", "</details>", "", f"<details><summary>Niet aan een artikel gebonden ({others} tests)</summary>", ""]
    lines += ["| eis | tests |", "|---|---|"]
    for source in sorted(index.by_source, key=_source_key):
        lines.append(f"| {source} | {_tests_cell(index.by_source[source])} |")
    lines += ["", "</details>"]
    if index.problems:
        lines += ["", "**Zonder geldige verwijzing:**", ""] + [f"- `{problem}`" for problem in index.problems]
    return "\n".join(lines)


def readme_block(text: str) -> str:
    return text.split(START, 1)[1].split(END, 1)[0].strip()


def readme_write() -> None:
    text = README.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    README.write_text(f"{before}{START}\n{article_table_markdown()}\n{END}{after}", encoding="utf-8")


def main(argv: list[str]) -> int:
    if "--write" in argv:
        readme_write()
    else:
        print(article_table_markdown())
    problems = index_build(cases_read()).problems
    for problem in problems:
        print(f"zonder geldige verwijzing: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
