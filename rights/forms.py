"""Forms of the rights screens (Dutch messages, length limits; input is shown escaped)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from forms.corrections import intake_correction_choices
from parties.models import Party
from rights.models import IdentityMethod, InzageDecision, OverviewSection, RequesterKind, RequestKind, SubjectField
from weegploeg.forms import REQUIRED, date_field, text
from weegploeg.models import Art41Ground

CORRECTION_ROWS = 3


def _choice(
    label: str, choices, *, radio: bool = True, required: bool = True, help_text: str = ""
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices if required else [("", "(kies)"), *choices],
        required=required,
        widget=forms.RadioSelect if radio else forms.Select,
        help_text=help_text,
        error_messages={"required": REQUIRED, "invalid_choice": "Kies een van de mogelijkheden."},
    )


class RegisterForm(forms.Form):
    weegploeg_number = text(
        "Weegploegdossier van de betrokkene", 20, help_text="Het dossiernummer, bijvoorbeeld W-2026-0001."
    )
    kind = _choice("Soort verzoek", RequestKind.choices)
    received_on = date_field("Ontvangen op")
    requester_kind = _choice("Wie doet het verzoek?", RequesterKind.choices)
    under_curatele = forms.BooleanField(label="De betrokkene staat onder curatele", required=False)
    under_mentorschap = forms.BooleanField(label="Voor de betrokkene is een mentorschap ingesteld", required=False)
    requester_name = text("Naam van de wettelijk vertegenwoordiger", 200, required=False)
    reply_address = text("Adres voor het antwoord", 500, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answers = intake_correction_choices()  # issue 19.5: answers to intake questions, by question id
        for i in range(1, CORRECTION_ROWS + 1):
            self.fields[f"field_{i}"] = _choice(
                f"Correctie {i}: welk gegeven", [*SubjectField.choices, *answers], radio=False, required=False
            )
            self.fields[f"value_{i}"] = text(
                f"Correctie {i}: gewenste waarde", 2000, required=False, help_text="Een datum als dd-mm-jjjj."
            )
            self.fields[f"reason_{i}"] = text(f"Correctie {i}: reden", 2000, required=False, rows=2)

    def correction_rows(self):
        return [(self[f"field_{i}"], self[f"value_{i}"], self[f"reason_{i}"]) for i in range(1, CORRECTION_ROWS + 1)]

    def corrections(self) -> list[tuple[str, str, str]]:
        data = self.cleaned_data
        rows = []
        for i in range(1, CORRECTION_ROWS + 1):
            field, value, reason = data.get(f"field_{i}"), data.get(f"value_{i}", ""), data.get(f"reason_{i}", "")
            if field or value or reason:
                if not field:
                    self.add_error(
                        f"field_{i}",
                        forms.ValidationError("Kies welk gegeven moet worden gecorrigeerd.", code="gegeven_ontbreekt"),
                    )
                rows.append((field, value, reason))
        return rows

    def base_rows(self):
        return [self[n] for n in ("weegploeg_number", "kind", "received_on", "requester_kind")]


class IdentityForm(forms.Form):
    established_on = date_field(
        "Identiteit vastgesteld op", help_text="Vanaf deze dag lopen de vier weken (art. 12.3)."
    )
    method = _choice("Hoe is de identiteit vastgesteld?", IdentityMethod.choices)
    note = text("Toelichting", 1000, required=False, rows=2, help_text="Bewaar geen kopie van een identiteitsbewijs.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["established_on"].initial = timezone.localdate()


class InzageForm(forms.Form):
    decision = _choice("Besluit", InzageDecision.choices)
    answered_on = date_field("Beantwoord op")
    withheld_sections = forms.MultipleChoiceField(
        label="Geweigerde onderdelen (bij gedeeltelijke weigering)",
        choices=OverviewSection.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies de onderdelen uit de lijst."},
    )
    ground = _choice("Weigeringsgrond (art. 41 UAVG)", Art41Ground.choices, radio=False, required=False)
    motivation = text("Motivering van de weigering", 5000, required=False, rows=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered_on"].initial = timezone.localdate()


class CorrectionDecideForm(forms.Form):
    accepted = forms.MultipleChoiceField(
        label="Toegewezen correcties",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Vink de correcties aan die worden uitgevoerd; de andere zijn afgewezen.",
        error_messages={"invalid_choice": "Kies alleen correcties uit dit verzoek."},
    )
    decided_on = date_field("Besloten op")
    motivation = text("Motivering van het besluit", 5000, rows=4)

    def __init__(self, *args, corrections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepted"].choices = [
            (str(c.pk), f"{c.label}: {c.new_value or '(leeg)'} (reden: {c.reason})") for c in corrections
        ]
        self.fields["decided_on"].initial = timezone.localdate()


class CorrectionExecuteForm(forms.Form):
    executed_on = date_field("Uitgevoerd op", help_text="De correctie wordt in beide dossiers doorgevoerd.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["executed_on"].initial = timezone.localdate()


class DutyCheckForm(forms.Form):
    checked_on = date_field("Beoordeeld op")
    ground_remains = _choice(
        "Bestaat de grond om het informeren uit te stellen nog?",
        [("ja", "Ja, de grond bestaat nog: opnieuw beoordelen"), ("nee", "Nee: de betrokkene wordt nu geïnformeerd")],
    )
    ground = _choice("Grond (art. 41 UAVG)", Art41Ground.choices, radio=False, required=False)
    next_check_on = date_field(
        "Volgende beoordeling op", required=False, help_text="Leeg laten: de standaardtermijn (elke 3 maanden)."
    )
    note = text("Aantekening in het dossier (art. 11.4)", 5000, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checked_on"].initial = timezone.localdate()


class DeferralAssessForm(forms.Form):
    """Art. 11.4, 12.4: per item under a deferred information duty, does the ground still apply?"""

    item = _choice("Onderdeel", [], radio=False)
    consulted_party = forms.ModelChoiceField(
        label="Geraadpleegde partij",
        queryset=None,
        help_text="De partij van wie de gegevens zijn; voor analyse, besluit en plan een kernpartij.",
        error_messages={"required": REQUIRED, "invalid_choice": "Kies een partij uit de lijst."},
    )
    consulted_on = date_field("Geraadpleegd op")
    still_applies = _choice(
        "Bestaat de grond uit artikel 41 UAVG voor dit onderdeel nog?",
        [
            ("ja", "Ja: dit onderdeel blijft buiten het overzicht en wordt in de afwijzing genoemd"),
            ("nee", "Nee: dit onderdeel komt in het overzicht"),
        ],
    )
    reasoning = text("Motivering", 5000, rows=3, help_text="Blijft in het dossier; komt niet in de brief.")

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "(kies)"), *((i.key, i.label) for i in items)]
        self.fields["consulted_party"].queryset = Party.objects.order_by("name")
        self.fields["consulted_on"].initial = timezone.localdate()
