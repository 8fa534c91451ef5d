"""/werk/casussen/: the casusoverleg work list, the file and the plan.

Every view here is declared through the one access entry point (``access.screens.work_screen``).
The task screens (``taak/…``, ``juistheid/…``) are ``flows.casusoverleg`` and ``flows.casus_review``;
``config.urls`` mounts them in this namespace."""

from django.urls import path

from casusoverleg import plan_views, views

app_name = "casusoverleg"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:number>/", views.detail, name="detail"),
    path("<str:number>/plan/", plan_views.plan, name="plan"),
    path("<str:number>/plan/versie/<int:version>/", plan_views.plan, name="plan_version"),
    path("<str:number>/plan/pdf/", plan_views.plan_pdf, name="plan_pdf"),
    path("<str:number>/plan/concept/", plan_views.concept, name="concept"),
    path("<str:number>/plan/vaststellen/", plan_views.adopt, name="adopt"),
    path("<str:number>/deelnemers/nieuw/", views.participant_new, name="participant_new"),
    path("<str:number>/personen/nieuw/", views.person_new, name="person_new"),
    path("<str:number>/inbreng/nieuw/", views.contribution_new, name="contribution_new"),
    path("<str:number>/advies/nieuw/", views.advice_new, name="advice_new"),
    path("<str:number>/advies/<int:pk>/", views.advice_answer, name="advice_answer"),
    path("<str:number>/verstrekkingen/", views.disclosures, name="disclosures"),
    path("<str:number>/termijn/", views.interval, name="interval"),
]
