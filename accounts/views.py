"""Login (password, then a one-time code), enrolment, logout, profile and the staff start page."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts import otp, passkeys
from accounts.forms import CodeForm, EnrolForm, LoginForm
from accounts.services import user_roles
from accounts.sessions import session_start


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("dashboard")


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


class LoginView(auth_views.LoginView):
    """Step 1: the password. Then straight on to the code, or to enrolment without a device."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = False

    def form_valid(self, form):
        auth_login(self.request, form.get_user())  # rotates the session id
        session_start(self.request.session, time.time())
        next_url = _next_url(self.request)
        step = "otp_verify" if otp.user_has_confirmed_totp(self.request.user) else "otp_enrol"
        return HttpResponseRedirect(_with_next(step, next_url))


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Step 2: a code from the app or a backup code."""
    user = request.user
    if user.is_verified() and passkeys.passkey_step_pending(user) != "verify":
        return redirect(_next_url(request))
    has_passkey = passkeys.user_has_passkey(user)
    if not otp.user_has_confirmed_totp(user) and not has_passkey:
        return redirect(_with_next("otp_enrol", _next_url(request)))
    # Issue 17 item 9: where passkeys are required, a code no longer completes the login once a
    # passkey is linked (without one, the code leads on to linking one: see accounts.passkeys).
    passkey_only = has_passkey and passkeys.passkeys_required_for(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and passkey_only:
        form.is_valid()
        form.add_error(None, "Uw organisatie vereist inloggen met een passkey; een code is niet genoeg.")
    elif request.method == "POST" and form.is_valid():
        try:
            device = otp.otp_code_check(user, form.cleaned_data["code"])
        except otp.CodeThrottled as throttled:
            form.add_error(
                "code",
                f"Te veel onjuiste codes. Wacht {throttled.seconds} seconden en probeer het dan opnieuw.",
            )
        else:
            if device is not None:
                otp.otp_session_verify(request, device)  # renews the session id too
                return redirect(_next_url(request))
            form.add_error("code", "Deze code is onjuist of al gebruikt. Probeer het opnieuw.")
    context = {"form": form, "next": _next_url(request), "has_passkey": has_passkey, "passkey_only": passkey_only}
    return render(request, "accounts/verify.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """First login: link an authenticator app (QR code, rendered here as SVG) and get backup codes."""
    user = request.user
    if otp.user_has_confirmed_totp(user):
        # Someone who knows only the password must not be able to link a device of their own.
        return redirect(_with_next("otp_verify", _next_url(request)))
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = otp.totp_enrolment_confirm(user, form.cleaned_data["code"])
        except otp.CodeThrottled as throttled:
            form.add_error("code", f"Te veel onjuiste codes. Wacht {throttled.seconds} seconden.")
        else:
            if codes is not None:
                device = otp.TOTPDevice.objects.get(user=user, confirmed=True)
                otp.otp_session_verify(request, device)  # renews the session id too
                context = {"codes": codes, "next": _next_url(request), "first_time": True}
                return render(request, "accounts/backup_codes.html", context)
            form.add_error("code", "Deze code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw.")
    enrolment = otp.totp_enrolment_start(user)
    context = {"form": form, "enrolment": enrolment, "next": _next_url(request)}
    return render(request, "accounts/enrol.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    """Replace the backup codes: verified users only (the gate) and only with a fresh app code."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = otp.backup_codes_renew_confirmed(request.user, form.cleaned_data["code"])
        except otp.CodeThrottled as throttled:
            form.add_error("code", f"Te veel onjuiste codes. Wacht {throttled.seconds} seconden.")
        else:
            if codes is not None:
                return render(request, "accounts/backup_codes.html", {"codes": codes, "next": reverse("profile")})
            form.add_error("code", "Deze code is onjuist of al gebruikt. Gebruik de code die uw app nu toont.")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/backup_codes_confirm.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def logout(request: HttpRequest) -> HttpResponse:
    """Ends the session on the server (the session row is deleted). GET shows a confirm button."""
    if request.method == "POST":
        auth_logout(request)
        messages.info(request, "U bent uitgelogd.")
        return redirect("login")
    if not request.user.is_authenticated:
        return redirect("login")
    return render(request, "accounts/logout.html")


@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {"roles": sorted(user_roles(user), key=lambda r: r.label), "party": user.party}
    return render(request, "accounts/profile.html", context)


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
