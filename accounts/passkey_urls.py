"""The passkey ceremony endpoints, under the names django-otp-webauthn's templates and JavaScript
configuration reverse (namespace ``otp_webauthn``), with our views (accounts.passkey_views).
Passwordless login is off; the 2FA gate decides which session reaches which endpoint."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from accounts import passkey_views

app_name = "otp_webauthn"

urlpatterns = [
    path(
        "registratie/begin/",
        passkey_views.PasskeyRegistrationBeginView.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registratie/afronden/",
        passkey_views.PasskeyRegistrationCompleteView.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "controle/begin/",
        passkey_views.PasskeyAuthenticationBeginView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "controle/afronden/",
        passkey_views.PasskeyAuthenticationCompleteView.as_view(),
        name="credential-authentication-complete",
    ),
    # The library's Dutch texts for its JavaScript (served by us, no inline script).
    path("vertalingen.js", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]
