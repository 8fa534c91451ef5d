from django.urls import path

from core import health

urlpatterns = [
    path("gezondheid/", health.health, name="gezondheid"),
]
