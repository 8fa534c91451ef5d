"""Independent reading of the signed text for the tests: raw slices of the file, normalised.

Deliberately not the parser under test: an article is the raw text from its heading to the next
heading, with bullet glyphs removed, the footnote line dropped and whitespace collapsed.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

BULLET_GLYPHS = ("\uf0b7", "•")
FOOTNOTE_LINE = re.compile(r"^\s*1 Zie het Dreigingsbeeld.*$", re.MULTILINE)


def normalise(text: str) -> str:
    for glyph in BULLET_GLYPHS:
        text = text.replace(glyph, " ")
    text = re.sub(r"(\w)-[ \t]*\n\s*(?=[a-z])", r"\1-", text)  # a word hyphenated at a line end
    return " ".join(text.split())


def signed_article(raw: str, number: int) -> str:
    """Article ``number`` as it stands in the signed text (heading included)."""
    start = re.search(rf"^\s*Artikel {number} ", raw, re.MULTILINE)
    assert start, f"Artikel {number} niet gevonden in de getekende tekst"
    nxt = re.search(rf"^\s*(Artikel {number + 1} |De gemeente Gennep\s*$)", raw[start.start() :], re.MULTILINE)
    end = start.start() + nxt.start() if nxt else len(raw)
    return normalise(FOOTNOTE_LINE.sub("", raw[start.start() : end]))


def html_section_text(html: bytes | str, element_id: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    element = soup.find(id=element_id)
    assert element is not None, f"#{element_id} ontbreekt"
    return normalise(element.get_text(" "))


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)
