from django.urls import path

from incidents import task_views, views

app_name = "incidents"

urlpatterns = [
    path("", views.register, name="index"),
    path("melden/", task_views.start, name="start"),
    path("taak/<int:task_id>/", task_views.task_detail, name="task"),
    path("taak/<int:task_id>/oppakken/", task_views.task_claim, name="claim"),
    path("taak/<int:task_id>/vrijgeven/", task_views.task_release, name="release"),
    path("<str:reference>/", views.detail, name="detail"),
]
