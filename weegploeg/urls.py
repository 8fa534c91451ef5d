"""/werk/weegploeg/: intake, the melder's list, the inbox, the file and the task screens."""

from django.urls import path

from flows import views as task_views
from weegploeg import views

app_name = "weegploeg"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("melden/", views.intake, name="intake"),
    path("mijn-meldingen/", views.my_signals, name="my_signals"),
    path("dossier/<str:number>/", views.file_detail, name="file"),
    path("dossier/<str:number>/koppelen/", views.file_attach, name="attach"),
    path("taak/<int:task_id>/", task_views.task_detail, name="task"),
    path("taak/<int:task_id>/oppakken/", task_views.task_claim, name="claim"),
    path("taak/<int:task_id>/vrijgeven/", task_views.task_release, name="release"),
    path("taak/<int:task_id>/toewijzen/", task_views.task_reassign, name="reassign"),
]
