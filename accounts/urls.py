from django.urls import path

from accounts import views

# The names login, logout and profile are global: viewflow's templates reverse them.
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/code/", views.verify, name="otp_verify"),
    path("inloggen/app-koppelen/", views.enrol, name="otp_enrol"),
    path("uitloggen/", views.logout, name="logout"),
    path("account/", views.profile, name="profile"),
    path("account/reservecodes/", views.backup_codes, name="otp_backup_codes"),
    path("werk/", views.dashboard, name="dashboard"),
    path("health/", views.health, name="health"),
]
