import time

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


def _stamp_login_time(sender, request, user, **kwargs) -> None:
    """Remember when this session logged in, for ``SessionCutoffMiddleware``."""
    from authorisations.middleware import LOGIN_AT_KEY  # imports models: not while the apps load

    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_KEY] = time.time()


class AuthorisationsConfig(AppConfig):
    name = "authorisations"
    verbose_name = "Autorisaties"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from authorisations.reconcile import reconcile_after_migrate

        user_logged_in.connect(_stamp_login_time, dispatch_uid="authorisations_stamp_login_time")
        # After every migrate: a data migration's change of roles, party or superuser gets its row.
        post_migrate.connect(reconcile_after_migrate, sender=self, dispatch_uid="authorisations_reconcile")
