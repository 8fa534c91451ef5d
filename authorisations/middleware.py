"""Ends the sessions of a user whose role was revoked or who was deactivated (art. 15.2c).

Place right after ``accounts.middleware.SessionLifetimeMiddleware``. The login time is stamped
into the session when the user logs in (``authorisations.apps``); a session that began before
the user's cut-off is flushed, so the gate then sends the user to the login.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from authorisations.services import session_started_before_cutoff

LOGIN_AT_KEY = "authz_login_at"


class SessionCutoffMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and session_started_before_cutoff(user.pk, request.session.get(LOGIN_AT_KEY))
        ):
            logout(request)
            request.session_ended_by_revocation = True
        return self.get_response(request)


class ScopedCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with per-path changes from ``CSP_PATH_OVERRIDES`` (prefix →
    {"update": directives added, "replace": directives replaced}) on top of the strict
    ``CONTENT_SECURITY_POLICY``, plus a Permissions-Policy header.

    The strict policy applies to the public site and every /werk/ page; only the prefixes listed
    in settings get more, and never inline scripts.
    """

    def get_policy_parts(self, request, response, report_only: bool = False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only:
            for prefix, override in settings.CSP_PATH_OVERRIDES.items():
                if request.path_info.startswith(prefix):
                    update = dict(parts.update or {})
                    for directive, values in override.get("update", {}).items():
                        update[directive] = [*update.get(directive, []), *values]
                    parts.update = update
                    parts.replace = {**(parts.replace or {}), **override.get("replace", {})}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        policy = settings.PERMISSIONS_POLICY
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
