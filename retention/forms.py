"""Forms of the retention screens (Dutch labels and messages)."""

from __future__ import annotations

from django import forms

from incidents.models import IncidentProcess
from retention.models import HoldKind

NUMBER_HELP = "Het pseudonieme dossiernummer, bijvoorbeeld W-2026-0001 of C-2026-0001."


class FileNumberField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Dossiernummer")
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", NUMBER_HELP)
        super().__init__(**kwargs)

    def clean(self, value):
        return (super().clean(value) or "").strip().upper()


class HoldForm(forms.Form):
    file_number = FileNumberField()
    kind = forms.ChoiceField(
        label="Soort blokkade",
        choices=[(k.value, k.label) for k in HoldKind if k != HoldKind.RECHTENVERZOEK],
        help_text="Een open verzoek inzage of correctie blokkeert vanzelf; dat hoeft u niet vast te leggen.",
    )
    incident = forms.ModelChoiceField(
        label="Incident",
        queryset=None,
        required=False,
        help_text="Alleen bij een incident: de blokkade eindigt vanzelf als het incident is afgehandeld.",
    )
    reason = forms.CharField(
        label="Reden",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Zonder namen of andere persoonsgegevens.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident"].queryset = IncidentProcess.objects.filter(closed_at__isnull=True).order_by("pk")
        self.fields["incident"].label_from_instance = lambda obj: f"{obj} ({obj.title})"


class ReactivateForm(forms.Form):
    file_number = FileNumberField()
    order_reference = forms.CharField(
        label="Kenmerk van de opdracht van de verwerkingsverantwoordelijke", max_length=100
    )
    ordered_on = forms.DateField(
        label="Datum van de opdracht",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Bijvoorbeeld 2026-03-01.",
    )
    note = forms.CharField(
        label="Toelichting",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Waarom de weegploeg het dossier opnieuw verwerkt.",
    )


class ArchiveConsultForm(forms.Form):
    file_number = FileNumberField()
    reason = forms.CharField(
        label="Reden van raadpleging",
        min_length=10,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht (art. 13.2). De reden wordt vastgelegd bij uw raadpleging.",
    )
