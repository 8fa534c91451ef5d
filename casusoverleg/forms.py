"""Forms of the casusoverleg screens: Dutch messages, length limits, choices limited to the case's
participants. Business rules are checked again in the services (``casusoverleg.agendering``, ``.plan``,
``.review``, ``.registers``, ``.closure``)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from casusoverleg.models import (
    AdviceRecipient,
    Art3Goal,
    ClosureOutcome,
    DataKind,
    MeasureStatus,
    PersonKind,
    ReviewOutcome,
)
from casusoverleg.review import MAX_INTERVAL_MONTHS
from meetings.forms import decision_basis_clean, decision_basis_fields
from meetings.models import DecisionKind
from parties.models import Party, PartyRole
from weegploeg.forms import REQUIRED, date_field, text

CHOICE_ERRORS = {"required": REQUIRED, "invalid_choice": "Maak een keuze uit de lijst."}
MULTI_ERRORS = {
    "required": "Kies minstens één partij.",
    "invalid_choice": "Kies partijen uit de lijst.",
    "invalid_pk_value": "Ongeldige keuze.",
}


def _radio(label: str, choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages=CHOICE_ERRORS, **kwargs
    )


def _not_future(form: forms.Form, name: str) -> None:
    value = form.cleaned_data.get(name)
    if value and value > timezone.localdate():
        form.add_error(name, "Deze datum kan niet in de toekomst liggen.")


class PlanAimForm(forms.Form):
    aim = text(
        "Doel van het plan van aanpak", 5000, rows=4, help_text="Wat moet het plan voor en met het subject bereiken?"
    )
    change_note = text("Wat is er gewijzigd ten opzichte van de vorige versie?", 2000, required=False, rows=2)


class MeasureForm(forms.Form):
    description = text("Maatregel", 2000, rows=3)
    goal = forms.ChoiceField(
        label="Doel uit artikel 3 dat de maatregel dient",
        choices=[("", "— kies een doel —"), *Art3Goal.choices],
        error_messages=CHOICE_ERRORS,
    )
    responsible_party = forms.ModelChoiceField(
        label="Verantwoordelijke partij",
        queryset=Party.objects.none(),
        empty_label="— kies een deelnemende partij —",
        error_messages=CHOICE_ERRORS,
    )
    due_on = date_field("Uiterlijk gereed op")

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_party"].queryset = parties


class AdoptForm(forms.Form):
    adopted_on = date_field("Datum van het casusoverleg waarin het plan is vastgesteld")
    present_parties = forms.ModelMultipleChoiceField(
        label="Aanwezige partijen",
        queryset=Party.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=MULTI_ERRORS,
    )

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present_parties"].queryset = parties

    def clean(self):
        cleaned = super().clean()
        _not_future(self, "adopted_on")
        return cleaned


class ReviewForm(forms.Form):
    held_on = date_field("Datum van de voortgangsbespreking")
    summary = text("Verslag van de voortgang", 5000, rows=4)
    outcome = _radio("Uitkomst", ReviewOutcome.choices)
    closure_reason = text(
        "Reden voor het advies tot afsluiting",
        5000,
        required=False,
        rows=3,
        help_text="Alleen bij advies tot afsluiting.",
    )

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = list(measures)
        for number, measure in enumerate(self.measures, 1):  # numbered as the plan shows them, not by id
            self.fields[f"s_{measure.pk}"] = forms.ChoiceField(
                label=f"Status van maatregel {number}: {measure.description[:80]}",
                choices=MeasureStatus.choices,
                initial=measure.status,
                error_messages=CHOICE_ERRORS,
            )
            self.fields[f"n_{measure.pk}"] = text(f"Toelichting bij maatregel {number}", 2000, required=False, rows=2)

    def measure_rows(self):
        return [(m, self[f"s_{m.pk}"], self[f"n_{m.pk}"]) for m in self.measures]

    def items(self) -> list[tuple[int, str, str]]:
        return [(m.pk, self.cleaned_data[f"s_{m.pk}"], self.cleaned_data[f"n_{m.pk}"]) for m in self.measures]

    def clean(self):
        cleaned = super().clean()
        _not_future(self, "held_on")
        if (
            cleaned.get("outcome") == ReviewOutcome.AFSLUITING_ADVISEREN
            and not cleaned.get("closure_reason", "").strip()
        ):
            self.add_error("closure_reason", "Geef de reden voor het advies tot afsluiting.")
        return cleaned


class ClosureForm(forms.Form):
    outcome = _radio("Besluit van de kernpartijen", ClosureOutcome.choices)
    decided_on = date_field("Besloten op")
    motivation = text("Motivering", 5000, rows=4)

    def __init__(self, *args, file=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Art. 9.4 (issue 13 item 8): the kernpartijen decide — in a meeting, or with four eyes.
        if user is not None:
            decision_basis_fields(
                self,
                kind=DecisionKind.AFSLUITING,
                file=file,
                user=user,
                permission="casusoverleg.casusoverleg_decide_closure",
            )

    def clean(self):
        cleaned = super().clean()
        _not_future(self, "decided_on")
        if "basis" in self.fields:
            decision_basis_clean(self)
        return cleaned


class ParticipantForm(forms.Form):
    party = forms.ModelChoiceField(
        label="Partij of externe casuspartner",
        queryset=Party.objects.none(),
        empty_label="— kies een partij —",
        error_messages=CHOICE_ERRORS,
    )
    reason = text("Waarom is deze partij nodig voor het plan? (art. 9.1)", 2000, rows=3)

    def __init__(self, *args, exclude_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = (
            Party.objects.participating()
            .filter(role__in=[PartyRole.KERNPARTIJ, PartyRole.CASUSPARTIJ, PartyRole.EXTERNE_CASUSPARTNER])
            .exclude(pk__in=exclude_ids)
            .order_by("role", "name")
        )


class PersonForm(forms.Form):
    kind = _radio("Soort", PersonKind.choices)
    name = text("Naam", 200)
    address = text("Adres en woonplaats", 300)
    relevance = text("Waarom is deze persoon relevant voor het plan?", 2000, rows=3)


class ContributionForm(forms.Form):
    subject_matter = text("Soort gegevens", 200, help_text="Bijvoorbeeld: ‘stand van het reclasseringstoezicht’.")
    content = text("Gegevens", 5000, rows=5)


class AdviceForm(forms.Form):
    recipient_kind = _radio("Advies gevraagd aan", AdviceRecipient.choices)
    recipient_name = text("Naam van de adviseur of organisatie", 200)
    question = text("Vraag", 5000, rows=4)
    requested_on = date_field("Gevraagd op")
    personal_data_shared = forms.BooleanField(label="Er zijn persoonsgegevens gedeeld met de adviseur", required=False)
    data_kinds = forms.MultipleChoiceField(
        label="Soorten gedeelde persoonsgegevens",
        choices=DataKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies uit de lijst."},
    )
    sharing_reason = text("Waarom waren die gegevens nodig?", 2000, required=False, rows=2)

    def clean(self):
        cleaned = super().clean()
        _not_future(self, "requested_on")
        if cleaned.get("personal_data_shared"):
            if not cleaned.get("data_kinds"):
                self.add_error("data_kinds", "Kies welke soorten persoonsgegevens zijn gedeeld.")
            if not cleaned.get("sharing_reason", "").strip():
                self.add_error("sharing_reason", "Geef aan waarom die gegevens nodig waren.")
        return cleaned


class AdviceAnswerForm(forms.Form):
    answer = text("Antwoord van de adviseur", 5000, rows=5)
    answered_on = date_field("Antwoord ontvangen op")


class DisclosureForm(forms.Form):
    recipient = forms.ModelChoiceField(
        label="Externe casuspartner",
        queryset=Party.objects.none(),
        empty_label="— kies een externe casuspartner —",
        error_messages=CHOICE_ERRORS,
    )
    necessity = text("Waarom zijn de gegevens noodzakelijk voor de bijdrage van deze partner? (a)", 2000, rows=3)
    data_kinds = forms.MultipleChoiceField(
        label="Soorten gegevens die worden verstrekt (b)",
        choices=DataKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies minstens één soort gegevens.", "invalid_choice": "Kies uit de lijst."},
    )
    consenting_parties = forms.ModelMultipleChoiceField(
        label="Convenantspartijen die toestemming gaven (c)",
        queryset=Party.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=MULTI_ERRORS,
    )
    consent_note = text("Hoe en wanneer is de toestemming gegeven?", 2000, rows=2)

    def __init__(self, *args, externals, convenant_parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = externals
        self.fields["consenting_parties"].queryset = convenant_parties


class IntervalForm(forms.Form):
    months = forms.IntegerField(
        label="Voortgangsbespreking elke … maanden",
        min_value=1,
        max_value=MAX_INTERVAL_MONTHS,
        error_messages={
            "required": REQUIRED,
            "invalid": "Vul een heel getal in.",
            "min_value": f"Kies 1 tot en met {MAX_INTERVAL_MONTHS} maanden.",
            "max_value": f"Kies 1 tot en met {MAX_INTERVAL_MONTHS} maanden.",
        },
    )
