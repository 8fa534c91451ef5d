"""Model and form fields for subject data (issue 13 item 6): a BSN and names that are valid and
canonical on every path.

The model fields normalise in ``to_python`` (run by ``full_clean()``, so by model forms and the
admin too) and in ``pre_save`` (so a plain ``save()`` still stores the canonical form); their
validators refuse an invalid BSN and bidi controls with a Dutch message. Django runs validators
only in ``full_clean()``: the services that write subject data call it on every write.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from stdnum.nl import bsn as stdnum_bsn

from core.text import text_free_clean, text_name_normalise, validate_no_bidi_controls

BSN_MESSAGE = "Dit is geen geldig BSN (negen cijfers die aan de elfproef voldoen)."
BSN_CODE = "bsn_invalid"
BSN_INPUT_MAX_LENGTH = 20  # room for spaces, dots or dashes as typed; stored as nine digits


def bsn_compact(value) -> str:
    """The canonical BSN: NFKC-normalised, zero-width spaces and separators removed (``stdnum``).
    Returns "" for an empty value; an invalid number is returned compacted, for the validator."""
    text = text_name_normalise(value).replace(" ", "")
    if not text:
        return ""
    return stdnum_bsn.compact(text)


def bsn_is_valid(value: str) -> bool:
    """True for a valid BSN (the 'elfproef'; ``000000000`` is not a BSN)."""
    compact = bsn_compact(value)
    return bool(compact) and compact != "000000000" and stdnum_bsn.is_valid(compact)


def validate_bsn(value: str) -> None:
    """Refuse an invalid BSN with a Dutch message (an empty value is left to ``blank``)."""
    if value and not bsn_is_valid(value):
        raise ValidationError(BSN_MESSAGE, code=BSN_CODE)


class BSNFormField(forms.CharField):
    """A form field that accepts a BSN as typed (full-width, with spaces) and cleans it to nine digits."""

    default_error_messages = {"required": "Dit veld is verplicht."}

    def __init__(self, **kwargs):
        kwargs["max_length"] = max(kwargs.get("max_length") or 0, BSN_INPUT_MAX_LENGTH)
        kwargs.setdefault("validators", [])
        super().__init__(**kwargs)
        if validate_bsn not in self.validators:
            self.validators.append(validate_bsn)

    def to_python(self, value):
        return bsn_compact(super().to_python(value))


class NameFormField(forms.CharField):
    """A form field for a name or identifier: normalised (NFKC, no zero-width spaces), bidi refused."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if validate_no_bidi_controls not in self.validators:
            self.validators.append(validate_no_bidi_controls)

    def to_python(self, value):
        return text_name_normalise(super().to_python(value))


class NameField(models.CharField):
    """A name or identifier (NAW data): stored NFKC-normalised without zero-width spaces; a value
    with bidi controls is refused by ``full_clean()``."""

    default_validators = [validate_no_bidi_controls]

    def to_python(self, value):
        value = super().to_python(value)
        return value if value is None else text_name_normalise(value)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = text_name_normalise(value)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NameFormField, **kwargs})


class BSNField(models.CharField):
    """A BSN: stored as nine ASCII digits (``stdnum.nl.bsn.compact``); ``full_clean()`` refuses a
    number that fails the elfproef."""

    default_validators = [validate_bsn]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 9)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value if value is None else bsn_compact(value)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = bsn_compact(value)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": BSNFormField, **kwargs})


class FreeTextField(models.TextField):
    """Free text people type (a signal, a motivation, a plan, a request): stored as typed, only without
    bidi controls (issue 13 item 6) — on every write path: ``full_clean()`` and model forms and the
    admin (``to_python``), ``save()``/``create()``/``bulk_create()`` (``pre_save``) and ``update()``
    and every other value sent to the database (``get_prep_value``).

    The column is an ordinary text column: ``deconstruct`` names ``models.TextField``, so changing a
    field to this class needs no migration (the cleaning happens in Python, not in the schema)."""

    def to_python(self, value):
        value = super().to_python(value)
        return text_free_clean(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = text_free_clean(value)
            setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return text_free_clean(value) if isinstance(value, str) else value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs
