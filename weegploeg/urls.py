"""/werk/weegploeg/: intake, the melder's list, the inbox and the file. The task screens and the bulk
assignment are ``flows.weegploeg`` / ``flows.bulk_assign``; ``config.urls`` mounts them here."""

from django.urls import path

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
]
