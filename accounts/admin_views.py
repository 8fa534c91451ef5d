"""Wagtail's user admin, with a party per user, the role rules checked on every save, and every
change of roles, party or activation written to the authorisation log (art. 15.2c) through
``accounts.services.user_authorisations_save``, with a required reason. The superuser checkbox of
Wagtail's form is removed: superusers only through ``manage.py superuser_grant``."""

from django import forms
from django.contrib.auth.models import Group
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView, EditView, UserViewSet

from accounts.roles import Role
from accounts.services import role_assert_grantable, user_authorisations_save
from parties.models import Party

REASON_FIELD = forms.CharField(
    label="Reden van deze wijziging",
    max_length=500,
    help_text="Verplicht: waarom deze gebruiker deze rollen, partij of status krijgt (art. 15.2c). "
    "Wordt vastgelegd in het autorisatielog.",
)


class RoleRulesMixin(forms.Form):
    """Only role groups may be chosen, and only roles the user's party may hold. Saving goes
    through the authorisation services, never straight into the groups."""

    acting_user = None  # set by the view

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Nobody becomes superuser through a screen (issue 13 item 5): only the logged management
        # command ``superuser_grant`` grants it (``createsuperuser`` is disabled). A posted value is ignored.
        self.fields.pop("is_superuser", None)

    def clean(self):
        cleaned = super().clean()
        party: Party | None = cleaned.get("party")
        groups: list[Group] = list(cleaned.get("groups") or [])
        for group in groups:
            role = Role.from_group_name(group.name)
            if role is None:
                self.add_error("groups", f"‘{group.name}’ is geen rol van dit systeem.")
                continue
            if party is not None:
                try:
                    role_assert_grantable(party, role)
                except forms.ValidationError as error:
                    self.add_error("groups", error)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)  # applies the non-m2m fields and the password
        if not commit:
            return user
        cleaned = self.cleaned_data
        roles = [Role.from_group_name(g.name) for g in cleaned.get("groups") or []]
        return user_authorisations_save(
            user,
            party=cleaned["party"],
            roles=[r for r in roles if r is not None],
            is_active=cleaned.get("is_active", user.is_active),
            by=self.acting_user,
            reason=cleaned["reden"],
        )


class CasusUserCreationForm(RoleRulesMixin, UserCreationForm):
    party = forms.ModelChoiceField(queryset=Party.objects.participating(), label="Partij")
    reden = REASON_FIELD

    class Meta(UserCreationForm.Meta):
        fields = (UserCreationForm.Meta.fields - {"is_superuser"}) | {"party"}


class CasusUserEditForm(RoleRulesMixin, UserEditForm):
    party = forms.ModelChoiceField(queryset=Party.objects.all(), label="Partij")
    reden = REASON_FIELD

    class Meta(UserEditForm.Meta):
        fields = (UserEditForm.Meta.fields - {"is_superuser"}) | {"party"}


class _ActingUserMixin:
    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.acting_user = self.request.user
        return form


class CasusUserCreateView(_ActingUserMixin, CreateView):
    pass


class CasusUserEditView(_ActingUserMixin, EditView):
    pass


class CasusUserViewSet(UserViewSet):
    add_view_class = CasusUserCreateView
    edit_view_class = CasusUserEditView

    def get_form_class(self, for_update=False):
        return CasusUserEditForm if for_update else CasusUserCreationForm
