"""Forms of the weegploeg screens. Dutch messages; every text field has a length limit; markup is
stored as typed and shown escaped (templates never mark user input safe)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from core.fields import BSNFormField, NameFormField
from parties.models import Party, PartyRole
from weegploeg.models import AnalysisNext, Art41Ground, CriterionAnswer, DutyOutcome, Outcome

REQUIRED = "Dit veld is verplicht."
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EARLIEST_BIRTH = datetime.date(1900, 1, 1)
MAX_AGE_YEARS = 120


def _messages(max_length: int | None = None) -> dict:
    messages = {"required": REQUIRED, "invalid": "Vul een geldige waarde in."}
    if max_length:
        messages["max_length"] = f"Gebruik ten hoogste {max_length} tekens (nu %(show_value)d)."
    return messages


def text(label: str, max_length: int, *, required: bool = True, rows: int = 0, help_text: str = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        help_text=help_text,
        error_messages=_messages(max_length),
    )


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_INPUT,
        help_text=help_text,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"required": REQUIRED, "invalid": "Vul een geldige datum in (dag-maand-jaar)."},
    )


def name_text(label: str, max_length: int, *, required: bool = True, help_text: str = "") -> NameFormField:
    """A name or identifier (item 6): NFKC-normalised, zero-width spaces removed, bidi controls refused."""
    return NameFormField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages=_messages(max_length),
    )


class IntakeForm(forms.Form):
    """Art. 7.1-2, 8.2a-c: subject, signal and melder. Extra published questions are added by the view."""

    MELDER_SELF = "zelf"
    MELDER_OUTSIDER = "namens"

    given_names = name_text("Voornamen", 100)
    surname_prefix = name_text("Tussenvoegsel", 20, required=False)
    surname = name_text("Achternaam", 100)
    date_of_birth = date_field("Geboortedatum")
    address = name_text("Adres (straat en huisnummer)", 200)
    postcode = name_text("Postcode", 10, required=False)
    residence = name_text("Woonplaats", 100)
    municipality = name_text("Woongemeente", 100)
    bsn = BSNFormField(label="BSN (niet verplicht)", required=False, help_text="Negen cijfers.")
    observation = text(
        "Omschrijving van het signaal",
        5000,
        rows=6,
        help_text="Beschrijf feitelijk wat is waargenomen (gedrag, uitlatingen), niet uw interpretatie.",
    )
    observed_on = date_field("Datum van de waarneming")
    melder = forms.ChoiceField(
        label="Wie is de melder?",
        choices=[
            (MELDER_SELF, "Ik ben zelf de melder"),
            (MELDER_OUTSIDER, "Ik registreer namens iemand anders (bijvoorbeeld een medewerker of burger)"),
        ],
        widget=forms.RadioSelect,
        initial=MELDER_SELF,
        error_messages={"required": REQUIRED, "invalid_choice": "Maak een keuze uit de lijst."},
    )
    melder_name = name_text(
        "Naam van de melder", 200, required=False, help_text="Alleen als u namens iemand registreert."
    )
    melder_contact = name_text(
        "Contactgegevens van de melder", 300, required=False, help_text="Telefoonnummer of e-mailadres."
    )

    def clean_date_of_birth(self) -> datetime.date:
        value = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if value > today:
            raise forms.ValidationError("De geboortedatum kan niet in de toekomst liggen.")
        if value < EARLIEST_BIRTH or (today.year - value.year) > MAX_AGE_YEARS:
            raise forms.ValidationError("Deze geboortedatum is niet aannemelijk. Controleer het jaartal.")
        return value

    def clean_observed_on(self) -> datetime.date:
        value = self.cleaned_data["observed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("De datum van de waarneming kan niet in de toekomst liggen.")
        return value

    def clean(self):
        cleaned = super().clean()
        birth, observed = cleaned.get("date_of_birth"), cleaned.get("observed_on")
        if birth and observed and observed < birth:
            self.add_error("observed_on", "De waarneming kan niet vóór de geboortedatum liggen.")
        if cleaned.get("melder") == self.MELDER_OUTSIDER:
            for name in ("melder_name", "melder_contact"):
                if not (cleaned.get(name) or "").strip():
                    self.add_error(name, "Vul dit in als u namens iemand anders registreert.")
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = value.strip()
        return cleaned

    def subject_data(self) -> dict:
        keys = ("given_names", "surname_prefix", "surname", "date_of_birth", "address", "postcode")
        keys += ("residence", "municipality", "bsn")
        return {k: self.cleaned_data[k] for k in keys}


def kernpartijen():
    return Party.objects.participating().filter(role=PartyRole.KERNPARTIJ).order_by("name")


class AnalysisForm(forms.Form):
    """Art. 7.3: one answer and note per criterion of the published referentiekader."""

    summary = text("Samenvatting van de analyse", 5000, rows=5)
    next_step = forms.ChoiceField(
        label="Vervolg",
        choices=AnalysisNext.choices,
        widget=forms.RadioSelect,
        error_messages={"required": REQUIRED, "invalid_choice": "Maak een keuze uit de lijst."},
    )
    info_party = forms.ModelChoiceField(
        label="Kernpartij die informatie aanlevert",
        queryset=Party.objects.none(),
        required=False,
        empty_label="— kies een kernpartij —",
        error_messages={"invalid_choice": "Kies een kernpartij uit de lijst."},
    )
    info_question = text("Welke informatie is nodig?", 2000, required=False, rows=3)

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["info_party"].queryset = kernpartijen()
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c_{criterion.code}"] = forms.ChoiceField(
                label=f"{criterion.code}. {criterion.title}",
                choices=CriterionAnswer.choices,
                widget=forms.RadioSelect,
                help_text=criterion.guidance[:500] if getattr(criterion, "guidance", "") else "",
                error_messages={"required": "Kies per criterium een antwoord.", "invalid_choice": "Maak een keuze."},
            )
            self.fields[f"n_{criterion.code}"] = text(f"Toelichting bij {criterion.code}", 2000, required=False, rows=2)

    def criterion_rows(self):
        return [(self[f"c_{c.code}"], self[f"n_{c.code}"]) for c in self.criteria]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("next_step") == AnalysisNext.MEER_INFORMATIE:
            if not cleaned.get("info_party"):
                self.add_error("info_party", "Kies de kernpartij die de informatie moet aanleveren.")
            if not (cleaned.get("info_question") or "").strip():
                self.add_error("info_question", "Beschrijf welke informatie nodig is.")
        return cleaned

    def items(self) -> list[tuple[str, str, str]]:
        return [(c.code, self.cleaned_data[f"c_{c.code}"], self.cleaned_data[f"n_{c.code}"]) for c in self.criteria]


class SupplyInformationForm(forms.Form):
    answer = text("Aanvullende informatie", 5000, rows=6)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Besluit",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": REQUIRED, "invalid_choice": "Maak een keuze uit de lijst."},
    )
    motivation = text("Motivering", 5000, rows=5)
    involved_parties = forms.ModelMultipleChoiceField(
        label="Te betrekken casuspartijen en externe casuspartners (art. 7.3)",
        queryset=Party.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies partijen uit de lijst.", "invalid_pk_value": "Ongeldige keuze."},
        help_text="Alleen bij agenderen.",
    )

    def __init__(self, *args, file=None, user=None, **kwargs):
        from meetings.forms import decision_basis_fields
        from meetings.models import DecisionKind

        super().__init__(*args, **kwargs)
        self.fields["involved_parties"].queryset = (
            Party.objects.participating()
            .filter(role__in=[PartyRole.CASUSPARTIJ, PartyRole.EXTERNE_CASUSPARTNER])
            .order_by("role", "name")
        )
        # Art. 7.4 (issue 13 item 8): the weegploeg decides — in a meeting, or with a second pair of eyes.
        if user is not None:
            decision_basis_fields(
                self, kind=DecisionKind.WEEGPLOEG, file=file, user=user, permission="flows.weegploeg_decide"
            )

    def clean(self):
        from meetings.forms import decision_basis_clean

        cleaned = super().clean()
        if "basis" in self.fields:
            decision_basis_clean(self)
        return cleaned


class InformationDutyForm(forms.Form):
    consulted_parties = forms.ModelMultipleChoiceField(
        label="Kernpartijen die onderling overleg hebben gevoerd (art. 11.3)",
        queryset=Party.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies minstens één kernpartij.", "invalid_choice": "Kies partijen uit de lijst."},
    )
    consultation_note = text("Verslag van het overleg", 5000, rows=4)
    outcome = forms.ChoiceField(
        label="Uitkomst",
        choices=DutyOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": REQUIRED, "invalid_choice": "Maak een keuze uit de lijst."},
    )
    ground = forms.ChoiceField(
        label="Grond voor uitstel (art. 41 lid 1 UAVG)",
        choices=[("", "— kies een grond —"), *Art41Ground.choices],
        required=False,
        error_messages={"invalid_choice": "Kies een grond uit de lijst."},
    )
    recheck_on = date_field("Opnieuw beoordelen op", required=False, help_text="Alleen bij uitstel.")
    informed_on = date_field("Betrokkene geïnformeerd op", required=False, help_text="Alleen bij nu informeren.")
    note = text("Aantekening in het dossier (art. 11.4)", 5000, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consulted_parties"].queryset = kernpartijen()

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        if cleaned.get("outcome") == DutyOutcome.DEFER:
            if not cleaned.get("ground"):
                self.add_error("ground", "Kies de grond waarop het informeren wordt uitgesteld.")
            recheck = cleaned.get("recheck_on")
            if not recheck:
                self.add_error("recheck_on", "Kies wanneer het uitstel opnieuw wordt beoordeeld.")
            elif recheck <= today:
                self.add_error("recheck_on", "Deze datum moet in de toekomst liggen.")
        elif cleaned.get("outcome") == DutyOutcome.INFORM_NOW:
            informed = cleaned.get("informed_on")
            if informed and informed > today:
                self.add_error("informed_on", "Deze datum kan niet in de toekomst liggen.")
        return cleaned


class AccuracyReviewForm(forms.Form):
    corrected = forms.BooleanField(label="Ik heb gegevens gecorrigeerd of aangevuld", required=False)
    note = text("Wat is gecontroleerd (en zo nodig aangepast)?", 2000, rows=3)


class ReassignForm(forms.Form):
    user = forms.ModelChoiceField(
        label="Toewijzen aan",
        queryset=None,
        empty_label="— kies een collega —",
        error_messages={"required": REQUIRED, "invalid_choice": "Kies een collega uit de lijst."},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.party.name})"
