"""Session lifetime and the two-factor gate.

``OTPGateMiddleware`` is the one place that decides whether a URL is public. Everything not on
the allowlist in settings (``OTP_GATE_PUBLIC_URL_NAMES`` / ``OTP_GATE_PUBLIC_PATH_PREFIXES``)
requires a password *and* a verified one-time code. It works in ``process_view``, where the
resolved URL name is known, so new pages are gated by default.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from accounts import passkeys, sessions


def is_public(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is not None and match.view_name in settings.OTP_GATE_PUBLIC_URL_NAMES:
        return True
    return request.path_info.startswith(tuple(settings.OTP_GATE_PUBLIC_PATH_PREFIXES))


class OTPGateMiddleware:
    """Deny by default: anonymous → login; password only → the code step; verified → the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.otp_gate_public = False
        response = self.get_response(request)
        if not request.otp_gate_public:
            # Nothing behind the login may stay in a browser or proxy cache.
            add_never_cache_headers(response)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if is_public(request):
            request.otp_gate_public = True
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if user.is_verified():
            if redirect_to := _passkey_step(request):
                return redirect_to
            if request.path_info.startswith(settings.OTP_GATE_ADMIN_PREFIX) and not user.has_perm(
                "wagtailadmin.access_admin"
            ):
                # Wagtail would send a logged-in user without admin rights back to the login page.
                raise PermissionDenied
            return None
        if request.resolver_match.view_name in settings.OTP_GATE_HALF_LOGGED_IN_URL_NAMES:
            return None
        target = reverse("otp_verify")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


def _passkey_step(request: HttpRequest) -> HttpResponse | None:
    """Passkeys required (issue 17 item 9) and this session was verified otherwise: a user with a
    passkey is sent back to the code step (which then accepts only the passkey); a user without one
    may only link one now."""
    pending = passkeys.passkey_step_pending(request.user)
    if pending is None:
        return None
    view_name = request.resolver_match.view_name
    allowed = (
        settings.OTP_GATE_HALF_LOGGED_IN_URL_NAMES if pending == "verify" else settings.OTP_GATE_PASSKEY_ENROL_URL_NAMES
    )
    if view_name in allowed:
        return None
    target = reverse("otp_verify" if pending == "verify" else "passkey_enrol")
    return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class SessionLifetimeMiddleware:
    """Idle timeout (30 min) and absolute lifetime (12 h), enforced on the server.

    An expired session is flushed (``logout``), so the gate then sends the user to the login.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            if sessions.session_expired(request.session, now):
                logout(request)
                request.session_expired = True
            else:
                sessions.session_touch(request.session, now)
        return self.get_response(request)
