from django.urls import path

from persons import views

app_name = "persons"

urlpatterns = [
    path("", views.person_search, name="search"),
    path("geen-gegevens.pdf", views.no_data_letter, name="no_data_letter"),
]
