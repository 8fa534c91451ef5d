"""/werk/partijen/: the notice screen of the party registry (art. 18.2)."""

from django.urls import path

from parties import views

app_name = "parties"

urlpatterns = [
    path("opzeggingen/", views.notices, name="notices"),
]
