from django.urls import include, path

from accounts import passkey_views, second_factor_views, views
from accounts.enrolment_views import ActivateView

# The names login, logout and profile are global: viewflow's templates reverse them.
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/code/", views.verify, name="otp_verify"),
    path("inloggen/app-koppelen/", views.enrol, name="otp_enrol"),
    # One-time enrolment link of manage.py create_beheerder (issue 15); public, token-protected.
    path("inloggen/activeren/<uidb64>/<token>/", ActivateView.as_view(), name="account_activate"),
    path("uitloggen/", views.logout, name="logout"),
    path("account/", views.profile, name="profile"),
    path("account/reservecodes/", views.backup_codes, name="otp_backup_codes"),
    path("account/passkeys/", passkey_views.passkey_list, name="passkeys"),
    path("account/passkeys/koppelen/", passkey_views.passkey_enrol, name="passkey_enrol"),
    path("account/passkeys/<int:pk>/verwijderen/", passkey_views.passkey_remove, name="passkey_remove"),
    path("account/passkeys/webauthn/", include("accounts.passkey_urls")),
    # Issue 17 item 4: the functioneel beheerder resets a user's second factor (lost authenticator).
    path("werk/gebruikers/tweede-factor/", second_factor_views.second_factor_reset_screen, name="second_factor_reset"),
    path("health/", views.health, name="health"),
]
