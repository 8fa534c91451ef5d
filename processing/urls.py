from django.urls import path

from processing import views

app_name = "processing"

urlpatterns = [
    path("", views.register_index, name="index"),
    path("register.pdf", views.register_pdf, name="pdf"),
    path("<slug:kind>/wijzigen/", views.activity_edit, name="edit"),
    path("<slug:kind>/geschiedenis/", views.activity_history, name="history"),
]
