"""/werk/overleggen/: weegploeg and casusoverleg meetings (issue 14 item 5)."""

from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nieuw/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_agenda, name="agenda"),
    path("<int:pk>/aanwezigheid/", views.meeting_attendance, name="attendance"),
]
