"""/werk/incidenten/: the register, reporting and the detail. The task screens (``taak/…``) are the
one task screen of ``flows.incidents``; ``config.urls`` mounts them in this namespace."""

from django.urls import path

from incidents import views

app_name = "incidents"

urlpatterns = [
    path("", views.register, name="index"),
    path("melden/", views.start, name="start"),
    path("<str:reference>/", views.detail, name="detail"),
]
