"""/werk/bewaartermijnen/: retention, archive and destruction (art. 13). Every view is declared
through the one access entry point (``access.screens.work_screen``)."""

from django.urls import path

from retention import views

app_name = "retention"

urlpatterns = [
    path("", views.overview, name="index"),
    path("lijst/<int:pk>/", views.list_detail, name="list_detail"),
    path("lijst/<int:pk>/goedkeuren/", views.list_approve, name="list_approve"),
    path("lijst/<int:pk>/annuleren/", views.list_cancel, name="list_cancel"),
    path("blokkade/nieuw/", views.hold_new, name="hold_new"),
    path("blokkade/<int:pk>/beeindigen/", views.hold_release, name="hold_release"),
    path("heractiveren/", views.reactivate, name="reactivate"),
    path("archief/", views.archive_consult, name="archive"),
]
