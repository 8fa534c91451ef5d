from django.urls import path

from authorisations import views

app_name = "authorisations"

urlpatterns = [
    path("", views.events, name="events"),
    path("controles/", views.reviews, name="reviews"),
    path("controles/start/<slug:slug>/", views.review_start, name="review_start"),
    path("controles/<int:pk>/", views.review_detail, name="review"),
    path("beveiligingsplan/", views.security_plan, name="security_plan"),
]
