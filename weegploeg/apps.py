from django.apps import AppConfig


class WeegploegConfig(AppConfig):
    name = "weegploeg"
    verbose_name = "Weegploeg"
