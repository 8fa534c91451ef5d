"""Wagtail's user admin, with a party per user and the role rules checked on every save."""

from django import forms
from django.contrib.auth.models import Group
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from accounts.roles import Role
from accounts.services import role_assert_grantable
from parties.models import Party


class RoleRulesMixin(forms.Form):
    """Only role groups may be chosen, and only roles the user's party may hold."""

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


class CasusUserCreationForm(RoleRulesMixin, UserCreationForm):
    party = forms.ModelChoiceField(queryset=Party.objects.participating(), label="Partij")

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"party"}


class CasusUserEditForm(RoleRulesMixin, UserEditForm):
    party = forms.ModelChoiceField(queryset=Party.objects.all(), label="Partij")

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"party"}


class CasusUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return CasusUserEditForm if for_update else CasusUserCreationForm
