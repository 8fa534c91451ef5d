from django import forms

from processing.models import ProcessingActivity


class ProcessingActivityForm(forms.ModelForm):
    reason = forms.CharField(label="Reden van de wijziging", max_length=500, widget=forms.TextInput())

    class Meta:
        model = ProcessingActivity
        fields = ["purposes", "data_categories", "subject_categories", "legal_basis", "transfers"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
