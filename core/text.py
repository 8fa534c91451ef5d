"""Canonical text for names, identifiers and free text (issue 13 item 6).

Names and identifiers (NAW data, a BSN, a melder's name) are compared and stored in one canonical
form, so that the same person typed two ways is one person:

- NFKC normalisation (full-width digits become ASCII digits, ligatures and compatibility forms fold);
- zero-width spaces and the byte-order mark (U+200B, U+FEFF, U+2060) are removed, but ZWNJ and
  ZWJ (U+200C, U+200D) stay: some scripts need them inside a name;
- bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F) are refused with a Dutch
  message: a right-to-left override makes a stored name display reversed.

Free text (an observation, a motivation) keeps what was typed and only loses bidi controls.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError

ZERO_WIDTH_SPACES = "\u200b\ufeff\u2060"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
BIDI_MESSAGE = (
    "Deze tekst bevat onzichtbare tekens die de leesrichting omkeren (bidi-stuurtekens). "
    "Typ de tekst opnieuw zonder die tekens."
)
BIDI_CODE = "bidi_control"

_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH_SPACES}]")
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
_SPACES_RE = re.compile(r"\s+")


def text_has_bidi_controls(value: str) -> bool:
    """True when ``value`` contains a bidirectional control character."""
    return bool(_BIDI_RE.search(value or ""))


def text_bidi_remove(value: str) -> str:
    """``value`` without bidirectional control characters."""
    return _BIDI_RE.sub("", value or "")


def text_free_clean(value: str) -> str:
    """Free text: stored as typed, only without bidi controls."""
    return text_bidi_remove(value)


def text_name_normalise(value: str) -> str:
    """The canonical form of a name or identifier: NFKC, no zero-width spaces, single inner spaces,
    trimmed. Bidi controls are kept here so that a validator can refuse them (see
    ``validate_no_bidi_controls``); use ``text_name_clean`` to normalise and refuse in one go."""
    if value is None:
        return ""
    value = unicodedata.normalize("NFKC", str(value))
    value = _ZERO_WIDTH_RE.sub("", value)
    return _SPACES_RE.sub(" ", value).strip()


def validate_no_bidi_controls(value: str) -> None:
    """Refuse bidi controls in a name or identifier with a Dutch message."""
    if text_has_bidi_controls(value):
        raise ValidationError(BIDI_MESSAGE, code=BIDI_CODE)


def text_name_clean(value: str) -> str:
    """Normalise a name or identifier and refuse bidi controls (``ValidationError``)."""
    normalised = text_name_normalise(value)
    validate_no_bidi_controls(normalised)
    return normalised


def text_name_key(value: str) -> str:
    """The form in which two names are compared: normalised, bidi controls dropped, case-folded."""
    return text_bidi_remove(text_name_normalise(value)).casefold()
