from django import forms

from secrecy.texts import SECRECY_TEXT_VERSION


class SecrecyAcceptForm(forms.Form):
    text_version = forms.CharField(widget=forms.HiddenInput, initial=SECRECY_TEXT_VERSION)
    accept = forms.BooleanField(
        label="Ik heb de geheimhoudingsverklaring gelezen en aanvaard de geheimhoudingsplicht.",
        required=True,
        error_messages={"required": "Vink aan dat u de geheimhoudingsplicht aanvaardt om verder te gaan."},
    )
