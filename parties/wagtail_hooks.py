"""The functioneel beheerder manages the party registry in the Wagtail admin (wagtail-modeladmin).

Creates and edits are written to Wagtail's audit log (who and when) by modeladmin itself.
"""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from parties.forms import PartyAdminForm
from parties.models import Party


class PartyAdmin(ModelAdmin):
    model = Party
    menu_label = "Partijen"
    menu_icon = "group"
    menu_order = 250
    add_to_settings_menu = False
    list_display = ("name", "kind", "role", "joined_on", "notice_given_on", "participation_ends_on")
    list_filter = ("role", "kind")
    search_fields = ("name",)
    inspect_view_enabled = True
    inspect_view_fields = (
        "name", "slug", "kind", "role", "joined_on", "notice_given_on",
        "participation_ends_on", "functional_contact", "representative", "signed_on", "secrecy_note",
    )  # fmt: skip
    edit_handler = ObjectList(
        [
            MultiFieldPanel([FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("role")], "Partij"),
            MultiFieldPanel(
                [FieldPanel("joined_on"), FieldPanel("notice_given_on"), FieldPanel("participation_ends_on")],
                "Deelname (art. 18)",
            ),
            MultiFieldPanel([FieldPanel("functional_contact")], "Contact (art. 10.2c)"),
            MultiFieldPanel([FieldPanel("representative"), FieldPanel("signed_on")], "Ondertekening"),
        ],
        base_form_class=PartyAdminForm,
    )


modeladmin_register(PartyAdmin)
