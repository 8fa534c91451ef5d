from django import forms

from authorisations.models import RightsDecision


class RightsDecisionForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label="Besluit", choices=RightsDecision.choices, widget=forms.RadioSelect)


class RightsReviewCompleteForm(forms.Form):
    notes = forms.CharField(
        label="Toelichting bij het afronden", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SecurityPlanEvaluationForm(forms.Form):
    evaluated_on = forms.DateField(
        label="Datum van de evaluatie", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    notes = forms.CharField(
        label="Uitkomst en herzieningen", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
