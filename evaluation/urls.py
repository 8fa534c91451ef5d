from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.evaluation_page, name="page"),
    path("<int:year>/cijfers.csv", views.evaluation_export_csv, name="csv"),
    path("<int:year>/evaluatie.pdf", views.evaluation_export_pdf, name="pdf"),
]
