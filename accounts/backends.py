"""Authentication backend that also refuses users whose party no longer takes part."""

from django.contrib.auth.backends import ModelBackend

from accounts.models import User
from accounts.services import user_may_log_in


class PartyAwareModelBackend(ModelBackend):
    """Django's model backend, plus art. 18.2: when a party's participation ends, its users
    lose access that day. ``get_user`` runs on every request, so open sessions stop too."""

    def user_can_authenticate(self, user) -> bool:
        return user_may_log_in(user)

    def get_user(self, user_id):
        try:
            user = User._default_manager.select_related("party").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
