"""/werk/rechten/: requests for inzage and correctie (art. 12), the information duty (art. 11.3-5)
and the deadlines dashboard. Only the uitvoerder; URLs carry pseudonymous numbers only. Every
view is declared through the one access entry point (``access.screens.work_screen``). The request
page (``verzoek/<nummer>/``, the flow's task screen) is ``flows.rights``; ``config.urls`` mounts it here."""

from django.urls import path

from rights import duty_views, views

app_name = "rights"

urlpatterns = [
    path("", views.index, name="index"),
    path("termijnen/", views.deadlines, name="deadlines"),
    path("nieuw/", views.register, name="register"),
    path("verzoek/<str:number>/overzicht.pdf", views.overview_pdf, name="overview_pdf"),
    path("verzoek/<str:number>/afwijzing.pdf", views.refusal_pdf, name="refusal_pdf"),
    path("informatieplicht/", duty_views.duties, name="duties"),
    path("informatieplicht/<str:number>/", duty_views.duty, name="duty"),
    path("informatieplicht/<str:number>/brief.pdf", duty_views.duty_letter, name="duty_letter"),
]
