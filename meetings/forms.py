"""Forms of the meetings screens (Dutch messages, fieldset/legend in the templates)."""

from __future__ import annotations

from django import forms

from accounts.models import User
from accounts.roles import Role
from meetings.models import MeetingKind
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


def confirmer_candidates(permission: str, user):
    """Users of another kernpartij whose role carries ``permission`` (who may take the decision too)."""
    from accounts.roles import ROLE_PERMISSIONS

    roles = [role.value for role, perms in ROLE_PERMISSIONS.items() if permission in perms]
    return (
        User.objects.filter(is_active=True, groups__name__in=roles, party__role=PartyRole.KERNPARTIJ)
        .exclude(pk=user.pk)
        .exclude(party_id=user.party_id)
        .select_related("party")
        .distinct()
        .order_by("party__name", "last_name", "username")
    )


def decision_basis_fields(form: forms.Form, *, kind: str, file, user, permission: str) -> None:
    """Add the two ways to make a decision collective: the meeting, or a confirming colleague."""
    from meetings.models import Meeting
    from meetings.services import meeting_quorum, meetings_for_decision

    meetings = (
        Meeting.objects.filter(pk__in=[m.pk for m in meetings_for_decision(kind, file)])
        if file
        else Meeting.objects.none()
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
    form.fields["confirmed_by"] = forms.ModelChoiceField(
        label="Of: bevestigd door (collega van een andere kernpartij)",
        queryset=confirmer_candidates(permission, user),
        required=False,
        empty_label="(geen bevestiging)",
        error_messages={"invalid_choice": "Kies een collega uit de lijst."},
        help_text="Vier ogen: een tweede persoon van een andere kernpartij die dit besluit bevestigt.",
    )
    form.fields["confirmed_by"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.party.name})"


def decision_basis_clean(form: forms.Form) -> None:
    if not form.cleaned_data.get("meeting") and not form.cleaned_data.get("confirmed_by"):
        form.add_error(
            None,
            "Dit besluit kan niet door één persoon worden genomen: kies het overleg waarin is besloten, "
            "of een collega van een andere kernpartij die het bevestigt.",
        )
