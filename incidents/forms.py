"""Forms for the steps of the incident flow; every error is Dutch and changes nothing."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from incidents.models import IncidentProcess, SubjectsDecision

DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]


def _dt_field(label: str, required: bool = True, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DT_FORMATS,
        help_text=help_text or "Datum en tijd, bijvoorbeeld 2026-03-01 14:30.",
    )


def _not_in_future(value):
    if value and value > timezone.now():
        raise forms.ValidationError("Dit tijdstip ligt in de toekomst.", code="tijdstip_toekomst")
    return value


class IncidentRegisterForm(forms.ModelForm):
    discovered_at = _dt_field("Ontdekt op", help_text="Wanneer het incident werd ontdekt, bijv. 2026-03-01 14:30.")

    class Meta:
        model = IncidentProcess
        fields = ["title", "description", "discovered_at"]

    def clean_discovered_at(self):
        return _not_in_future(self.cleaned_data.get("discovered_at"))


class IncidentClassifyForm(forms.ModelForm):
    is_breach = forms.TypedChoiceField(
        label="Is dit een inbreuk in verband met persoonsgegevens (datalek)?",
        choices=[("ja", "Ja, een datalek"), ("nee", "Nee, geen datalek")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = IncidentProcess
        fields = ["is_breach", "severity", "classification_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["severity"].required = True
        self.fields["classification_reason"].required = True


class IncidentNotifyApForm(forms.ModelForm):
    ap_notified = forms.TypedChoiceField(
        label="Is het datalek gemeld bij de Autoriteit Persoonsgegevens?",
        choices=[("ja", "Ja, gemeld"), ("nee", "Nee, besloten niet te melden")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    ap_notified_at = _dt_field("Gemeld bij de AP op", required=False)

    class Meta:
        model = IncidentProcess
        fields = ["ap_notified", "ap_notified_at", "ap_reference", "ap_decision_reason"]

    def clean(self):
        cleaned = super().clean()
        notified = cleaned.get("ap_notified")
        if notified is True and not cleaned.get("ap_notified_at"):
            self.add_error("ap_notified_at", "Vul in wanneer het datalek bij de AP is gemeld.")
        if cleaned.get("ap_notified_at"):
            try:
                _not_in_future(cleaned["ap_notified_at"])
            except forms.ValidationError as error:
                self.add_error("ap_notified_at", error)
        if notified is False:
            cleaned["ap_notified_at"] = None
            if not (cleaned.get("ap_decision_reason") or "").strip():
                self.add_error("ap_decision_reason", "Geef de reden waarom niet is gemeld (art. 33 lid 5 AVG).")
        return cleaned


class IncidentSubjectsForm(forms.ModelForm):
    subjects_decision = forms.ChoiceField(
        label="Besluit over het informeren van betrokkenen", choices=SubjectsDecision.choices, widget=forms.RadioSelect
    )
    subjects_informed_at = _dt_field("Betrokkenen geïnformeerd op", required=False)

    class Meta:
        model = IncidentProcess
        fields = ["subjects_decision", "subjects_decision_reason", "subjects_informed_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subjects_decision_reason"].required = True


class IncidentMeasuresForm(forms.ModelForm):
    class Meta:
        model = IncidentProcess
        fields = ["measures"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].required = True
