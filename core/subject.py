"""The subject's NAW data (art. 8.2a, 10.2a): one abstract model, the same in the weegploeg file
(``weegploeg.Subject``) and the casusoverleg file (``casusoverleg.CasusSubject``), and one list of
field names derived from it for the intake summary and the correction path (art. 12.5).

The validators travel with the fields (``core.fields``): a name is stored NFKC-normalised and
refused with bidi controls, a BSN is stored as nine digits and refused when it fails the elfproef
(``python-stdnum``). Django runs them in ``full_clean()``; every write of subject data goes through
``weegploeg.services.subject_data_write``, which calls it.

Abstract: each file keeps its own copy in its own table (art. 8.5), so this module adds no table
and moving the fields here needed no migration.
"""

from __future__ import annotations

from django.db import models

from core.fields import BSNField, NameField


class SubjectData(models.Model):
    """The NAW data of a subject (art. 8.2a, 10.2): names, date of birth, address and BSN."""

    given_names = NameField("voornamen", max_length=100)
    surname_prefix = NameField("tussenvoegsel", max_length=20, blank=True)
    surname = NameField("achternaam", max_length=100)
    date_of_birth = models.DateField("geboortedatum")
    address = NameField("adres (straat en huisnummer)", max_length=200)
    postcode = NameField("postcode", max_length=10, blank=True)
    residence = NameField("woonplaats", max_length=100)
    municipality = NameField("woongemeente", max_length=100)
    bsn = BSNField("BSN", blank=True)

    class Meta:
        abstract = True

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.surname_prefix, self.surname) if p)

    @property
    def initials(self) -> str:
        letters = [part[0].upper() for part in self.given_names.split() if part]
        letters.append(self.surname[:1].upper())
        return ".".join(letters) + "."


# The NAW field names in their order: what is copied to the casusoverleg file, summarised at
# intake and correctable on request (art. 12.5).
SUBJECT_FIELDS: tuple[str, ...] = tuple(field.name for field in SubjectData._meta.local_fields)
