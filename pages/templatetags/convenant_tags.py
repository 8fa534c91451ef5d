"""Template helpers for the convenant: footnote references, glossary anchors, item labels."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify

register = template.Library()

FOOTNOTE_MARK_RE = re.compile(r"\[\^(\d+)\]")


@register.filter
def with_footnotes(text: str) -> str:
    """Escape ``text`` and turn ``[^1]`` into a linked superscript footnote reference."""

    def replace(match: re.Match) -> str:
        n = match[1]
        return str(
            format_html(
                '<sup class="fnref"><a href="#voetnoot-{}" id="voetnoot-ref-{}" '
                'aria-describedby="voetnoten-kop">{}</a></sup>',
                n,
                n,
                n,
            )
        )

    return mark_safe(FOOTNOTE_MARK_RE.sub(replace, str(escape(text))))  # noqa: S308 - escaped above


@register.filter
def without_footnotes(text: str) -> str:
    """Plain text with the footnote number glued on, as in the signed text ("substantieel1.")."""
    return FOOTNOTE_MARK_RE.sub(r"\1", text)


@register.filter
def term_anchor(text: str) -> str:
    """The glossary anchor of an art. 1 definition: "achterblijver: persoon …" → "begrip-achterblijver"."""
    term, _, _ = text.partition(":")
    return f"begrip-{slugify(term)}"


@register.filter
def item_key(label: str) -> str:
    """ "a)" → "a"; "1)" → "1"."""
    return re.sub(r"\W", "", label or "")
