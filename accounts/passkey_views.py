"""Passkeys on the user's own account (/account/passkeys/) and as the second factor on the code step.

The ceremony endpoints are django-otp-webauthn's views with two changes of ours:
- a passkey used on the code step marks the session verified through ``otp.otp_session_verify``,
  which also renews the session id (ASVS 3.2.1), like an app code does;
- a passkey linked while the passkey policy asks for one (``passkeys.passkey_step_pending``)
  completes that login: the app code was the one-time bootstrap, the passkey the required factor.
Which sessions may reach which endpoint is decided by the gate (``accounts.middleware``):
authentication during the code step, registration only once verified.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp_webauthn import exceptions as webauthn_exceptions
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.utils import rewrite_exceptions

from accounts import otp, passkeys
from accounts.views import _next_url


class PasskeyRegistrationBeginView(webauthn_views.BeginCredentialRegistrationView):
    pass


@method_decorator(never_cache, name="dispatch")
class PasskeyRegistrationCompleteView(webauthn_views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        request = self.request
        user = self.get_user()
        pending = passkeys.passkey_step_pending(user)
        state = self.get_state()
        with rewrite_exceptions(logger=webauthn_views._get_pywebauthn_logger()):
            device = self.get_helper().register_complete(user=user, state=state, data=request.data)
        device.name = passkeys.passkey_name_default()
        device.save(update_fields=["name"])
        if pending == "enrol":
            otp.otp_session_verify(request, device)  # the required factor, now present; new session id
        messages.success(request, "Uw passkey is gekoppeld.")
        return JsonResponse({"id": device.pk})


class PasskeyAuthenticationBeginView(webauthn_views.BeginCredentialAuthenticationView):
    pass


@method_decorator(never_cache, name="dispatch")
class PasskeyAuthenticationCompleteView(webauthn_views.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        # Second factor only: the password step came first (passwordless login is off), and the
        # helper already refused a passkey of another user.
        if not self.request.user.is_authenticated or device.user_id != self.request.user.pk:
            raise webauthn_exceptions.CredentialUserMismatch()
        otp.otp_session_verify(self.request, device)


@never_cache
@require_GET
def passkey_list(request: HttpRequest) -> HttpResponse:
    """The user's passkeys: link a new one, remove one."""
    user = request.user
    context = {
        "passkeys": list(passkeys.user_passkeys(user)),
        "required": passkeys.passkeys_required_for(user),
        "current_id": getattr(getattr(user, "otp_device", None), "persistent_id", None),
        "after": reverse("passkeys"),
    }
    return render(request, "accounts/passkeys.html", context)


@never_cache
@require_POST
def passkey_remove(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        passkeys.passkey_remove(request.user, pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "De passkey is verwijderd. U kunt er niet meer mee inloggen.")
    return redirect("passkeys")


@never_cache
@require_GET
def passkey_enrol(request: HttpRequest) -> HttpResponse:
    """Passkeys are required and this user has none yet: link one to complete the login."""
    next_url = _next_url(request)
    if passkeys.passkey_step_pending(request.user) != "enrol":
        return redirect(next_url)
    return render(request, "accounts/passkey_enrol.html", {"next": next_url, "after": next_url})
