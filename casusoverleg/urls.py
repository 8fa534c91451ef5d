"""/werk/casussen/: the casusoverleg work list, the file, the plan and the task screens."""

from django.urls import path

from casusoverleg import views

app_name = "casusoverleg"

urlpatterns = [
    path("", views.index, name="index"),
    path("taak/<int:task_id>/", views.task_detail, name="task"),
    path("taak/<int:task_id>/oppakken/", views.task_claim, name="claim"),
    path("taak/<int:task_id>/vrijgeven/", views.task_release, name="release"),
    path("<str:number>/", views.detail, name="detail"),
    path("<str:number>/plan/", views.plan, name="plan"),
    path("<str:number>/plan/versie/<int:version>/", views.plan, name="plan_version"),
    path("<str:number>/plan/pdf/", views.plan_pdf, name="plan_pdf"),
    path("<str:number>/plan/concept/", views.concept, name="concept"),
    path("<str:number>/plan/vaststellen/", views.adopt, name="adopt"),
    path("<str:number>/deelnemers/nieuw/", views.participant_new, name="participant_new"),
    path("<str:number>/personen/nieuw/", views.person_new, name="person_new"),
    path("<str:number>/inbreng/nieuw/", views.contribution_new, name="contribution_new"),
    path("<str:number>/advies/nieuw/", views.advice_new, name="advice_new"),
    path("<str:number>/advies/<int:pk>/", views.advice_answer, name="advice_answer"),
    path("<str:number>/verstrekkingen/", views.disclosures, name="disclosures"),
    path("<str:number>/termijn/", views.interval, name="interval"),
]
