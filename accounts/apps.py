from django.apps import AppConfig
from django.db.models.signals import post_migrate
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # this module also holds the Wagtail users config
    name = "accounts"
    verbose_name = "Gebruikers en rollen"

    def ready(self) -> None:
        from accounts.roles import roles_sync_after_migrate

        # Groups need the permissions that Django creates after migrating; sync them then.
        post_migrate.connect(roles_sync_after_migrate, sender=self)

        from authorisations.safety_net import safety_net_connect

        # Records (only records) role, party and superuser changes made outside accounts.services.
        safety_net_connect()


class CasusUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our forms: a party per user, roles only for eligible parties."""

    user_viewset = "accounts.admin_views.CasusUserViewSet"
