from django import forms
from django.core.exceptions import ValidationError

from core.fields import BSNFormField, NameFormField


class PersonSearchForm(forms.Form):
    """By surname with date of birth, or by BSN. Sent by POST: these terms never go in a URL."""

    surname = NameFormField(label="Achternaam", max_length=100, required=False)
    date_of_birth = forms.DateField(
        label="Geboortedatum",
        required=False,
        help_text="Bijvoorbeeld 5-4-2001.",
        input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Vul de geboortedatum in als dag-maand-jaar, bijvoorbeeld 5-4-2001."},
    )
    bsn = BSNFormField(label="BSN", required=False)

    def clean(self):
        data = super().clean()
        by_name = bool(data.get("surname")) and data.get("date_of_birth") is not None
        if not by_name and not data.get("bsn") and not self.errors:
            raise ValidationError("Zoek op achternaam mét geboortedatum, of op BSN.", code="search_terms_missing")
        return data


class NoDataLetterForm(PersonSearchForm):
    """The answer "we hold no data about you" (art. 12, art. 15 AVG): to whom it is sent."""

    addressee = forms.CharField(label="Naam van de verzoeker", max_length=200)
    reply_address = forms.CharField(
        label="Adres voor het antwoord", max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
    received_on = forms.DateField(
        label="Verzoek ontvangen op",
        input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Vul de datum in als dag-maand-jaar, bijvoorbeeld 5-4-2026."},
    )
