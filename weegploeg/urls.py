"""/werk/weegploeg/: intake, the melder's list, the inbox, the file and the task screens."""

from django.urls import path

from flows import views as task_views
from weegploeg import intake_views, views

app_name = "weegploeg"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("melden/", intake_views.intake, name="intake"),
    path("melden/ontvangen/<str:key>/", intake_views.intake_receipt, name="intake_receipt"),
    path("melden/ontvangen/<str:key>/kopie.pdf", intake_views.intake_receipt_pdf, name="intake_receipt_pdf"),
    path("mijn-meldingen/<str:number>/aanvullen/", intake_views.signal_addendum, name="addendum"),
    path("mijn-meldingen/", views.my_signals, name="my_signals"),
    path("dossier/<str:number>/", views.file_detail, name="file"),
    path("dossier/<str:number>/koppelen/", views.file_attach, name="attach"),
    path("toewijzen/", task_views.tasks_assign, name="assign_bulk"),
    path("taak/<int:task_id>/", task_views.task_detail, name="task"),
    path("taak/<int:task_id>/oppakken/", task_views.task_claim, name="claim"),
    path("taak/<int:task_id>/vrijgeven/", task_views.task_release, name="release"),
    path("taak/<int:task_id>/toewijzen/", task_views.task_reassign, name="reassign"),
]
