"""Forms for the access-log review screens."""

from __future__ import annotations

from django import forms

from accesslog.models import AccessAction
from accesslog.templatetags.accesslog_labels import OBJECT_TYPE_LABELS
from accounts.models import User
from parties.models import Party

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AccessLogFilterForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=User.objects.order_by("username"), required=False, label="Gebruiker", empty_label="Alle gebruikers"
    )
    party = forms.ModelChoiceField(
        queryset=Party.objects.order_by("name"), required=False, label="Partij", empty_label="Alle partijen"
    )
    object_type = forms.ChoiceField(required=False, label="Soort gegeven", choices=())  # Dutch names: __init__
    object_ref = forms.CharField(required=False, max_length=64, label="Kenmerk", help_text="Bijvoorbeeld W-2026-0001.")
    action = forms.ChoiceField(
        required=False, label="Handeling", choices=[("", "Alle handelingen"), *AccessAction.choices]
    )
    result = forms.ChoiceField(
        required=False,
        label="Resultaat",
        choices=[("", "Alle"), ("toegestaan", "Toegestaan"), ("geweigerd", "Geweigerd")],
    )
    start = forms.DateField(required=False, label="Vanaf", widget=DATE_WIDGET)
    end = forms.DateField(required=False, label="Tot en met", widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = sorted(OBJECT_TYPE_LABELS.items(), key=lambda item: item[1])
        self.fields["object_type"].choices = [("", "Alle soorten"), *kinds]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "De einddatum ligt vóór de begindatum.")
        return cleaned

    def filters(self) -> dict:
        data = self.cleaned_data
        result = data.get("result")
        return {
            "user_id": data["user"].pk if data.get("user") else None,
            "party_id": data["party"].pk if data.get("party") else None,
            "object_type": data.get("object_type") or "",
            "object_ref": data.get("object_ref") or "",
            "action": data.get("action") or "",
            "allowed": {"toegestaan": True, "geweigerd": False}.get(result or ""),
            "start": data.get("start"),
            "end": data.get("end"),
        }


class AccessLogReviewForm(forms.Form):
    period_start = forms.DateField(label="Periode vanaf", widget=DATE_WIDGET)
    period_end = forms.DateField(label="Periode tot en met", widget=DATE_WIDGET)
    findings = forms.CharField(
        label="Bevindingen en genomen maatregelen",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="Noem geen namen of andere persoonsgegevens; verwijs naar kenmerken.",
    )
    confirm = forms.BooleanField(
        label="Ik heb het toegangslog over deze periode gecontroleerd en teken deze controle af.", required=True
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "De einddatum ligt vóór de begindatum.")
        return cleaned
