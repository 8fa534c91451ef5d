from django.urls import path

from accounts import views
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
    path("werk/", views.dashboard, name="dashboard"),
    path("health/", views.health, name="health"),
]
