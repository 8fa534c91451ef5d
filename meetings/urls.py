"""/werk/overleggen/: weegploeg and casusoverleg meetings (issue 14 item 5)."""

from django.urls import path

from meetings import decision_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nieuw/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_agenda, name="agenda"),
    path("<int:pk>/aanwezigheid/", views.meeting_attendance, name="attendance"),
    path("besluiten/", decision_views.proposal_list, name="decisions"),
    path("besluiten/<int:pk>/", decision_views.proposal_confirm, name="decision_confirm"),
    path("besluiten/<int:pk>/afwijzen/", decision_views.proposal_reject, name="decision_reject"),
]
