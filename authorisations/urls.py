"""/werk/autorisaties/: the authorisation log, periodic rights reviews and the security plan.
Every view is declared through the one access entry point (``access.screens.work_screen``)."""

from django.urls import path

from authorisations import views

app_name = "authorisations"

urlpatterns = [
    path("", views.events, name="events"),
    path("controles/", views.reviews, name="reviews"),
    path("controles/start/<slug:slug>/", views.review_start, name="review_start"),
    path("controles/<int:pk>/", views.review_detail, name="review"),
    path("controles/<int:pk>/besluit/", views.review_decide, name="review_decide"),
    path("beveiligingsplan/", views.security_plan, name="security_plan"),
    path("beveiligingsplan/evaluatie/", views.security_plan_evaluate, name="security_plan_evaluate"),
]
