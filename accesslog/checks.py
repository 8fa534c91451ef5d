"""System checks for the access log's key: without it no row can be signed (issue 13 item 10)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

from accesslog.integrity import MIN_KEY_LENGTH

# The fixed keys of the dev and test settings: public, so never acceptable in production.
PUBLIC_KEYS = {
    "dev-only-access-log-hmac-key-not-secret-0000",
    "test-only-access-log-hmac-key-not-secret-0000",
}


@register(Tags.security)
def access_log_key_present(app_configs, **kwargs):
    if not settings.ACCESS_LOG_HMAC_KEY:
        return [
            Error(
                "ACCESS_LOG_HMAC_KEY ontbreekt: het toegangslog kan geen regels ondertekenen.",
                hint="Zet een geheime sleutel van minstens 32 tekens in de omgeving (zie README).",
                id="accesslog.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def access_log_key_strong(app_configs, **kwargs):
    key = settings.ACCESS_LOG_HMAC_KEY
    old = list(settings.ACCESS_LOG_HMAC_OLD_KEYS)
    errors = []
    if key and len(key) < MIN_KEY_LENGTH:
        errors.append(Error(f"ACCESS_LOG_HMAC_KEY is korter dan {MIN_KEY_LENGTH} tekens.", id="accesslog.E002"))
    if key in PUBLIC_KEYS:
        errors.append(Error("ACCESS_LOG_HMAC_KEY is de openbare ontwikkelsleutel.", id="accesslog.E003"))
    if key and key in old:
        errors.append(Error("ACCESS_LOG_HMAC_KEY staat ook bij ACCESS_LOG_HMAC_OLD_KEYS.", id="accesslog.E004"))
    return errors
