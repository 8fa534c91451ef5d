"""The parser of the signed text (issue 3): PDF artefacts go, every word stays."""

from __future__ import annotations

from pages.convenant_text import FOOTNOTE_MARK, block_plain_text, convenant_parse
from parties.services import CONVENANT_PARTIES
from tests.pages.conftest import signed_text_path
from tests.pages.textutil import normalise, signed_article


def parsed():
    return convenant_parse(signed_text_path().read_text(encoding="utf-8"))


def test_art_1_to_18_are_all_found_in_order():
    assert [a.number for a in parsed().articles] == list(range(1, 19))


def test_art_1_to_18_keep_every_word_of_the_signed_text():
    text = parsed()
    raw = signed_text_path().read_text(encoding="utf-8")
    for article in text.articles:
        ours = normalise(" ".join([article.heading, *(block_plain_text(b) for b in article.blocks)]))
        assert ours == signed_article(raw, article.number), f"artikel {article.number}"


def test_art_11_1_bullet_glyphs_are_removed_everywhere():
    text = parsed()
    everything = repr(text)
    assert "\uf0b7" not in everything
    assert "•" not in everything


def test_art_11_1_footnote_is_moved_out_of_the_running_text_and_attached_after_substantieel():
    text = parsed()
    assert [(f.number, f.text) for f in text.footnotes] == [
        (1, "Zie het Dreigingsbeeld Terrorisme Nederland (DTN) 32 t/m 42.")
    ]
    dreiging = " ".join(block_plain_text(b) for b in text.preamble[0].blocks)
    assert "substantieel" + FOOTNOTE_MARK.format(n=1) + "." in dreiging
    raad = " ".join(block_plain_text(b) for b in text.preamble[1].blocks)
    # The page break and the footnote sat inside this sentence; it is whole again.
    assert "doordat ouders hun verantwoordelijkheid niet kunnen nemen" in raad
    assert "Zie het Dreigingsbeeld" not in raad


def test_art_11_1_preamble_sections_and_considerations():
    text = parsed()
    assert [s.heading for s in text.preamble] == [
        "Dreiging",
        "Taken en verantwoordelijkheden",
        "Verdediging en versterking rechtsorde",
    ]
    assert len(text.considerations) == 6
    assert text.considerations[0].startswith("partijen, gelet op hun verantwoordelijkheid")


def test_art_11_1_partijen_section_names_exactly_the_parties_of_the_registry_seed():
    assert parsed().party_names == [name for name, _ in CONVENANT_PARTIES]


def test_art_11_1_signature_block_gennep():
    (signature,) = parsed().signatures
    assert (signature.party, signature.representative, signature.date_text) == (
        "De gemeente Gennep",
        "Burgemeester van Beek",
        "7 januari 2020",
    )


def test_art_7_has_numbered_leden_with_lettered_and_numbered_items():
    art7 = parsed().articles[6]
    leden = [b.lid for b in art7.blocks if b.kind == "lid"]
    assert [lid.number for lid in leden] == [1, 2, 3, 4]
    assert [i.label for i in leden[1].items] == ["a.", "b.", "c."]
    assert [i.label for i in leden[3].items] == ["1)", "2)"]


def test_art_6_b_and_e_have_bulleted_subitems():
    art6 = parsed().articles[5]
    items = next(b for b in art6.blocks if b.kind == "items").items
    assert [i.label for i in items] == ["a.", "b.", "c.", "d.", "e."]
    assert len(items[1].subitems) == 3
    assert len(items[4].subitems) == 3
    assert all(s.label == "" for s in items[1].subitems)


def test_art_3_paragraph_after_bullets_is_not_glued_to_the_last_bullet():
    art3 = parsed().articles[2]
    kinds = [b.kind for b in art3.blocks]
    assert kinds == ["paragraph", "items", "paragraph", "items", "paragraph"]
    assert art3.blocks[2].text.startswith("Daarvoor is het noodzakelijk")


def test_art_1_line_end_hyphen_joins_without_a_space():
    art1 = parsed().articles[0]
    items = next(b for b in art1.blocks if b.kind == "items").items
    assert [i.label for i in items] == [f"{c})" for c in "abcdefghijklm"]
    assert "verwerkings-verantwoordelijke" in items[11].text
