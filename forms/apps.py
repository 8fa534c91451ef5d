from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"
    label = "intakeforms"  # "forms" would shadow nothing, but a distinct label keeps table names clear
    verbose_name = "Formulieren"
