"""Forms of the meetings screens (Dutch messages, fieldset/legend in the templates)."""

from __future__ import annotations

from django import forms

from accounts.models import User
from accounts.roles import Role
from meetings.models import Meeting, MeetingKind
from meetings.services import meeting_quorum, meetings_for_decision
from parties.models import Party, PartyRole

REQUIRED = "Dit veld is verplicht."
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label="Soort overleg",
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": REQUIRED, "invalid_choice": "Maak een keuze uit de lijst."},
    )
    held_on = forms.DateField(
        label="Datum",
        widget=DATE_INPUT,
        error_messages={"required": REQUIRED, "invalid": "Vul een geldige datum in."},
    )


def attendee_candidates():
    roles = [Role.WEEGPLOEGLID.value, Role.UITVOERDER.value, Role.CASUSOVERLEG_DEELNEMER.value]
    return (
        User.objects.filter(is_active=True, groups__name__in=roles, party__isnull=False)
        .select_related("party")
        .distinct()
        .order_by("party__name", "last_name", "username")
    )


class AttendanceForm(forms.Form):
    parties = forms.ModelMultipleChoiceField(
        label="Aanwezige partijen",
        queryset=Party.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies partijen uit de lijst.", "invalid_pk_value": "Ongeldige keuze."},
        help_text="De partij van een aanwezige persoon telt vanzelf als aanwezig.",
    )
    users = forms.ModelMultipleChoiceField(
        label="Aanwezige personen",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies personen uit de lijst.", "invalid_pk_value": "Ongeldige keuze."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = (
            Party.objects.participating()
            .filter(role__in=[PartyRole.KERNPARTIJ, PartyRole.CASUSPARTIJ])
            .order_by("name")
        )
        self.fields["users"].queryset = attendee_candidates()
        self.fields["users"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.party.name})"


class AgendaForm(forms.Form):
    number = forms.CharField(
        label="Dossiernummer",
        max_length=40,
        error_messages={"required": REQUIRED, "max_length": "Gebruik ten hoogste 40 tekens."},
        help_text="Bijvoorbeeld W-2026-0001 (weegploegdossier) of C-2026-0001 (casusoverlegdossier).",
    )


# --- The basis of a collective decision, on the task screens (art. 7.4, 9.4) -----------------------


BASIS_MEETING = "overleg"
BASIS_FOUR_EYES = "vier_ogen"


def decision_basis_fields(form: forms.Form, *, kind: str, file, user, permission: str = "") -> None:
    """Add the two ways to make a decision collective: the meeting in which it was taken, or a
    proposal that a second person of another kernpartij confirms on their own screen."""
    meetings = (
        Meeting.objects.filter(pk__in=[m.pk for m in meetings_for_decision(kind, file)])
        if file
        else Meeting.objects.none()
    )
    form.fields["basis"] = forms.ChoiceField(
        label="Hoe wordt dit besluit genomen?",
        choices=[
            (BASIS_MEETING, f"Besloten in een overleg met ten minste {meeting_quorum()} kernpartijen aanwezig"),
            (
                BASIS_FOUR_EYES,
                "Voorleggen ter bevestiging aan een collega van een andere kernpartij (vier ogen)",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Kies hoe dit besluit wordt genomen.", "invalid_choice": "Maak een keuze."},
        help_text=(
            "Bij vier ogen wordt uw besluit pas van kracht als een collega van een andere kernpartij het "
            "bevestigt; tot dan verandert er niets aan het dossier."
        ),
    )
    form.fields["meeting"] = forms.ModelChoiceField(
        label="Besloten in het overleg van",
        queryset=meetings.order_by("-held_on", "-pk"),
        required=False,
        empty_label="(geen overleg)",
        error_messages={"invalid_choice": "Kies een overleg uit de lijst."},
        help_text=(
            f"Een overleg waarin dit dossier op de agenda stond en ten minste {meeting_quorum()} kernpartijen "
            "aanwezig waren. U moet op de presentielijst staan."
        ),
    )


def decision_basis_clean(form: forms.Form) -> None:
    basis = form.cleaned_data.get("basis")
    if basis == BASIS_MEETING and not form.cleaned_data.get("meeting"):
        form.add_error("meeting", "Kies het overleg waarin is besloten.")
    if basis == BASIS_FOUR_EYES:
        form.cleaned_data["meeting"] = None


def decision_is_proposal(form: forms.Form) -> bool:
    """True when the decider leaves the decision to a second person's confirmation (four eyes)."""
    return form.cleaned_data.get("basis") == BASIS_FOUR_EYES


class RejectDecisionForm(forms.Form):
    """The confirmer refuses a proposed decision, with a reason (art. 7.4, 9.4)."""

    reason = forms.CharField(
        label="Reden waarom u het besluit niet bevestigt",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Geef de reden waarom u het besluit niet bevestigt.",
            "max_length": "Gebruik ten hoogste 2000 tekens.",
        },
    )
