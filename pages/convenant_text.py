"""Parse the signed convenant text (extracted from the PDF) into structured parts.

The extraction has PDF artefacts that this parser removes without dropping a word:

* the bullet glyphs U+F0B7 and "•" become unlabelled list items;
* lines broken mid-sentence are joined (a line ending in "-" joins without a space);
* blank lines that a page break put inside a paragraph are dropped (a blank line ends a
  paragraph only after a line that ends a sentence or clause);
* the footnote ("1 Zie het Dreigingsbeeld …") is moved out of the running text and attached,
  as ``[^1]``, right after the word it belongs to ("substantieel").

The result is plain data (dataclasses of strings and lists), so the importer, the tests and a
reader can all use it without a database.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

# Bump when the parser's output changes, so the importer rebuilds the page once.
PARSER_VERSION = "3"

BULLETS = ("\uf0b7", "•")
TERMINAL = (".", ";", ":", "!", "?")

ARTICLE_RE = re.compile(r"^Artikel (\d{1,2}) (.+)$")
LETTER_RE = re.compile(r"^([a-z])([.)])\s+(.*)$")
LID_RE = re.compile(r"^(\d{1,2})\.\s+(.*)$")
NUMITEM_RE = re.compile(r"^(\d{1,2})\)\s+(.*)$")
FOOTNOTE_RE = re.compile(r"^(\d)\s+(Zie .+)$")
REPRESENTED_RE = re.compile(r"^Te dezen vertegenwoordigd door\s+(.+)$")
DATE_RE = re.compile(r"^Datum:\s*(.+)$")
FOOTNOTE_MARK = "[^{n}]"

PARTIES_HEADING = "Partijen"
CONSIDERATIONS_HEADING = "Overwegende dat:"
AGREEMENT_HEADING = "Spreken het volgende af:"


@dataclass
class Item:
    """A list item: ``label`` is "a)", "a.", "1)" or "" for a bullet."""

    label: str
    text: str
    subitems: list[Item] = field(default_factory=list)


@dataclass
class Lid:
    """A numbered member (lid) of an article, with optional lettered or numbered items."""

    number: int
    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Block:
    """One element of an article or preamble body: a paragraph, a list of items or a lid."""

    kind: str  # "paragraph" | "items" | "lid"
    text: str = ""
    items: list[Item] = field(default_factory=list)
    lid: Lid | None = None


@dataclass
class Section:
    heading: str
    blocks: list[Block]


@dataclass
class Article:
    number: int
    title: str
    blocks: list[Block]

    @property
    def heading(self) -> str:
        return f"Artikel {self.number} {self.title}"


@dataclass
class Footnote:
    number: int
    text: str


@dataclass
class Signature:
    party: str
    representative: str
    date_text: str


@dataclass
class ConvenantText:
    preamble: list[Section]
    party_groups: list[tuple[str, list[str]]]  # ("Kernpartijen", [names]), ("Casuspartijen", [...])
    considerations_intro: str
    considerations: list[str]
    agreement: str
    articles: list[Article]
    signatures: list[Signature]
    footnotes: list[Footnote]
    checksum: str

    @property
    def party_names(self) -> list[str]:
        return [name for _, names in self.party_groups for name in names]


class ConvenantParseError(ValueError):
    """The text does not have the structure of the convenant."""


@dataclass
class _Unit:
    kind: str  # "bullet" | "letter" | "numitem" | "lid" | "paragraph"
    label: str
    lines: list[str]
    number: int = 0

    @property
    def text(self) -> str:
        return join_lines(self.lines)


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph; a line that ends in a hyphen joins without a space."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
        elif re.search(r"\w-$", text) and line[:1].islower():
            text += line
        else:
            text += " " + line
    return re.sub(r"[ \t]+", " ", text)


def _clean(line: str) -> str:
    return line.replace("\u00a0", " ").strip()


def _is_bullet(line: str) -> bool:
    return line.startswith(BULLETS)


def _strip_bullet(line: str) -> str:
    for glyph in BULLETS:
        if line.startswith(glyph):
            return line[len(glyph) :].strip()
    return line


def _extract_footnotes(lines: list[str]) -> tuple[list[str], list[Footnote]]:
    """Remove footnote lines from the running text and mark where each one belongs."""
    footnotes: list[Footnote] = []
    kept: list[str] = []
    for line in lines:
        match = FOOTNOTE_RE.match(line)
        if match:
            footnotes.append(Footnote(int(match[1]), match[2].strip()))
        else:
            kept.append(line)
    for note in footnotes:
        # The reference is the number glued to the end of a word: "substantieel1." → "substantieel[^1]."
        pattern = re.compile(rf"(?<=[^\W\d_]){note.number}(?=[\s.,;:]|$)")
        for index, line in enumerate(kept):
            if pattern.search(line):
                kept[index] = pattern.sub(FOOTNOTE_MARK.format(n=note.number), line, count=1)
                break
        else:
            raise ConvenantParseError(f"Voetnoot {note.number} hoort bij geen enkel woord in de tekst.")
    return kept, footnotes


def _units(lines: list[str], *, items_are_sentences: bool) -> list[_Unit]:
    """Split body lines into paragraphs, leden and list items.

    ``items_are_sentences``: in the articles a lettered or bulleted item is one sentence, so a
    line that ends with a full stop followed by an ordinary line starts a new paragraph (art. 3:
    "… of terugkeer." / "Daarvoor is het noodzakelijk …"). In the preamble the bullets are whole
    paragraphs that run on after a full stop.
    """
    units: list[_Unit] = []
    paragraph_break = False
    for raw in lines:
        line = _clean(raw)
        if not line:
            if units and units[-1].lines and units[-1].lines[-1].rstrip().endswith(TERMINAL):
                paragraph_break = True
            continue
        unit: _Unit | None = None
        if _is_bullet(line):
            unit = _Unit("bullet", "", [_strip_bullet(line)])
        elif match := LETTER_RE.match(line):
            unit = _Unit("letter", f"{match[1]}{match[2]}", [match[3]])
        elif match := NUMITEM_RE.match(line):
            unit = _Unit("numitem", f"{match[1]})", [match[2]], number=int(match[1]))
        elif match := LID_RE.match(line):
            unit = _Unit("lid", f"{match[1]}.", [match[2]], number=int(match[1]))
        if unit is not None:
            units.append(unit)
            paragraph_break = False
            continue
        current = units[-1] if units else None
        ends_item = (
            items_are_sentences
            and current is not None
            and current.kind in {"bullet", "letter", "numitem"}
            and current.lines[-1].rstrip().endswith(".")
            and line[:1].isupper()
        )
        if current is None or paragraph_break or ends_item:
            units.append(_Unit("paragraph", "", [line]))
        else:
            current.lines.append(line)
        paragraph_break = False
    return units


def _blocks(units: list[_Unit]) -> list[Block]:
    """Nest the units: items under the lid or item (ending in ':') they belong to."""
    blocks: list[Block] = []
    for unit in units:
        last = blocks[-1] if blocks else None
        if unit.kind == "paragraph":
            blocks.append(Block("paragraph", text=unit.text))
        elif unit.kind == "lid":
            blocks.append(Block("lid", lid=Lid(unit.number, unit.text)))
        else:
            item = Item(unit.label, unit.text)
            container: list[Item] | None = None
            if last is not None and last.kind == "lid":
                container = last.lid.items
            elif last is not None and last.kind == "items":
                container = last.items
            if container is None:
                blocks.append(Block("items", items=[item]))
                continue
            parent = container[-1] if container else None
            is_sub = (
                unit.kind == "bullet"
                and parent is not None
                and parent.label
                and (parent.text.endswith(":") or parent.subitems)
            )
            if is_sub:
                parent.subitems.append(item)
            else:
                container.append(item)
    return blocks


def _is_heading(lines: list[str], index: int) -> bool:
    """A preamble section heading: a short line, capitalised, no closing punctuation, alone."""
    line = _clean(lines[index])
    if not line or _is_bullet(line) or line.endswith(TERMINAL) or not line[:1].isupper():
        return False
    if len(line.split()) > 6:
        return False
    before = _clean(lines[index - 1]) if index > 0 else ""
    after = _clean(lines[index + 1]) if index + 1 < len(lines) else ""
    return before == "" and (after == "" or _is_bullet(after))


def convenant_parse(text: str) -> ConvenantText:
    """Parse the whole signed text. Raises ``ConvenantParseError`` when a part is missing."""
    checksum = hashlib.sha256(f"{PARSER_VERSION}\n{text}".encode()).hexdigest()
    lines, footnotes = _extract_footnotes(text.splitlines())
    cleaned = [_clean(line) for line in lines]

    # The signature block at the end: "<party>", "Te dezen vertegenwoordigd door …", "Datum: …".
    signatures: list[Signature] = []
    end = len(lines)
    for index, line in enumerate(cleaned):
        if match := REPRESENTED_RE.match(line):
            party_index = max(i for i in range(index) if cleaned[i])
            date_index = next(i for i in range(index + 1, len(cleaned)) if cleaned[i])
            date_match = DATE_RE.match(cleaned[date_index])
            if not date_match:
                raise ConvenantParseError("De ondertekening heeft geen datum.")
            signatures.append(Signature(cleaned[party_index], match[1].strip(), date_match[1].strip()))
            end = min(end, party_index)
    if not signatures:
        raise ConvenantParseError("De ondertekening ontbreekt.")

    def find(label: str, start: int = 0) -> int:
        for i in range(start, end):
            if cleaned[i] == label:
                return i
        raise ConvenantParseError(f"Het onderdeel “{label}” ontbreekt.")

    parties_at = find(PARTIES_HEADING)
    considerations_at = find(CONSIDERATIONS_HEADING, parties_at)
    agreement_at = find(AGREEMENT_HEADING, considerations_at)

    # Preamble: sections under their headings.
    preamble: list[Section] = []
    heading_rows = [i for i in range(parties_at) if _is_heading(lines, i)]
    for position, row in enumerate(heading_rows):
        stop = heading_rows[position + 1] if position + 1 < len(heading_rows) else parties_at
        body = _units(lines[row + 1 : stop], items_are_sentences=False)
        preamble.append(Section(cleaned[row], _blocks(body)))

    # Parties: group headings and bulleted names.
    party_groups: list[tuple[str, list[str]]] = []
    for line in cleaned[parties_at + 1 : considerations_at]:
        if not line:
            continue
        if _is_bullet(line):
            if not party_groups:
                raise ConvenantParseError("Een partij staat niet onder een kopje.")
            party_groups[-1][1].append(_strip_bullet(line))
        else:
            party_groups.append((line, []))

    considerations = [
        unit.text
        for unit in _units(lines[considerations_at + 1 : agreement_at], items_are_sentences=False)
        if unit.kind == "bullet"
    ]

    # Articles.
    article_rows = [(i, ARTICLE_RE.match(cleaned[i])) for i in range(agreement_at + 1, end)]
    article_rows = [(i, m) for i, m in article_rows if m]
    articles: list[Article] = []
    for position, (row, match) in enumerate(article_rows):
        stop = article_rows[position + 1][0] if position + 1 < len(article_rows) else end
        body = _units(lines[row + 1 : stop], items_are_sentences=True)
        articles.append(Article(int(match[1]), match[2].strip(), _blocks(body)))
    numbers = [a.number for a in articles]
    if numbers != list(range(1, len(numbers) + 1)) or not numbers:
        raise ConvenantParseError("De artikelen zijn niet doorlopend genummerd.")

    return ConvenantText(
        preamble=preamble,
        party_groups=party_groups,
        considerations_intro=CONSIDERATIONS_HEADING,
        considerations=considerations,
        agreement=AGREEMENT_HEADING,
        articles=articles,
        signatures=signatures,
        footnotes=footnotes,
        checksum=checksum,
    )


def block_plain_text(block: Block) -> str:
    """The words of one parsed block, labels included, as one line (for comparisons)."""
    parts: list[str] = []

    def add_items(items: list[Item]) -> None:
        for item in items:
            parts.append(f"{item.label} {item.text}".strip())
            add_items(item.subitems)

    if block.kind == "paragraph":
        parts.append(block.text)
    elif block.kind == "items":
        add_items(block.items)
    elif block.lid is not None:
        parts.append(f"{block.lid.number}. {block.lid.text}")
        add_items(block.lid.items)
    return " ".join(parts)
