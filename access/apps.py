from django.apps import AppConfig


class AccessConfig(AppConfig):
    """The one access entry point for every work screen (art. 8.4, 10.4-10.5, 13.2, 14, 15.2e)."""

    name = "access"
    verbose_name = "Toegang"
