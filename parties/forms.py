"""Admin form for the party registry: consistency checks with Dutch messages."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from parties.models import ROLE_FOR_KIND, Party
from parties.services import party_participation_end


class PartyAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        kind, role = cleaned.get("kind"), cleaned.get("role")
        if kind and role and ROLE_FOR_KIND.get(kind) != role:
            self.add_error(
                "role",
                forms.ValidationError(
                    "Deze rol past niet bij de soort partij (art. 2 en Partijen).", code="rol_past_niet"
                ),
            )
        notice = cleaned.get("notice_given_on")
        if notice and not cleaned.get("participation_ends_on"):
            # Art. 18.2: without an explicit date, participation ends three months after notice.
            cleaned["participation_ends_on"] = party_participation_end(notice)
        ends = cleaned.get("participation_ends_on")
        if notice and ends and ends < party_participation_end(notice):
            self.add_error(
                "participation_ends_on",
                forms.ValidationError(
                    "De deelname eindigt niet eerder dan drie maanden na de opzegging (art. 18.2).",
                    code="einde_binnen_opzegtermijn",
                ),
            )
        joined = cleaned.get("joined_on")
        if joined and notice and notice < joined:
            self.add_error(
                "notice_given_on",
                forms.ValidationError("De opzegdatum ligt vóór de datum van deelname.", code="opzegging_voor_deelname"),
            )
        return cleaned


class NoticeForm(forms.Form):
    """Art. 18.2: which party gave notice, and on which day."""

    party = forms.ModelChoiceField(
        label="Partij",
        queryset=None,
        empty_label="— kies een partij —",
        error_messages={"required": "Kies de partij die opzegt.", "invalid_choice": "Kies een partij uit de lijst."},
    )
    notice_given_on = forms.DateField(
        label="Opgezegd op",
        help_text="De dag waarop de opzegging is ontvangen (dd-mm-jjjj). De deelname eindigt drie maanden later.",
        input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        error_messages={"required": "Vul de datum van de opzegging in.", "invalid": "Vul een datum in als dd-mm-jjjj."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Party.objects.filter(notice_given_on__isnull=True).order_by("name")
