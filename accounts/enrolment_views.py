"""/inloggen/activeren/…: set a first password with a one-time enrolment link (accounts.enrolment)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from accounts.enrolment import enrolment_tokens


class ActivateView(auth_views.PasswordResetConfirmView):
    """Django's reset-confirm flow: the token moves into the session and out of the URL before the
    form is shown, so it cannot leak through a Referer header or the browser history."""

    token_generator = enrolment_tokens
    template_name = "accounts/activate.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Uw wachtwoord is ingesteld. Log in en koppel daarna uw authenticator-app.")
        return response
