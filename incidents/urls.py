from django.urls import path

from incidents import views

app_name = "incidents"

urlpatterns = [
    path("", views.register, name="index"),
    path("<str:reference>/", views.detail, name="detail"),
]
