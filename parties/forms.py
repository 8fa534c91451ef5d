"""Admin form for the party registry: consistency checks with Dutch messages."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from parties.models import ROLE_FOR_KIND
from parties.services import party_participation_end


class PartyAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        kind, role = cleaned.get("kind"), cleaned.get("role")
        if kind and role and ROLE_FOR_KIND.get(kind) != role:
            self.add_error(
                "role", forms.ValidationError("Deze rol past niet bij de soort partij (art. 2 en Partijen).")
            )
        notice = cleaned.get("notice_given_on")
        if notice and not cleaned.get("participation_ends_on"):
            # Art. 18.2: without an explicit date, participation ends three months after notice.
            cleaned["participation_ends_on"] = party_participation_end(notice)
        ends = cleaned.get("participation_ends_on")
        if notice and ends and ends < party_participation_end(notice):
            self.add_error(
                "participation_ends_on",
                forms.ValidationError("De deelname eindigt niet eerder dan drie maanden na de opzegging (art. 18.2)."),
            )
        joined = cleaned.get("joined_on")
        if joined and notice and notice < joined:
            self.add_error("notice_given_on", forms.ValidationError("De opzegdatum ligt vóór de datum van deelname."))
        return cleaned
