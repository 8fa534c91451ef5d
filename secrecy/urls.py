from django.urls import path

from secrecy import views

app_name = "secrecy"

urlpatterns = [
    path("", views.accept, name="accept"),
    path("partijen/", views.overview, name="overview"),
    path("partijen/<slug:slug>/", views.party_detail, name="party"),
]
