from django.urls import path

from accesslog import views

app_name = "accesslog"

urlpatterns = [
    path("", views.log_index, name="index"),
    path("controle/", views.review_sign_off, name="review"),
]
