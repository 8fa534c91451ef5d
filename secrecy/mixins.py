"""``SecrecyRequiredMixin``: class-based views (viewflow's too) that show case data first need an
accepted secrecy duty. Put it first among the bases so it runs before the view's own dispatch."""

from __future__ import annotations

from secrecy.decorators import secrecy_redirect
from secrecy.services import secrecy_accepted


class SecrecyRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not secrecy_accepted(request.user):
            return secrecy_redirect(request)
        return super().dispatch(request, *args, **kwargs)
