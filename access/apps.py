from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class AccessConfig(AppConfig):
    """The one access entry point for every work screen (art. 8.4, 10.4-10.5, 13.2, 14, 15.2e)."""

    name = "access"
    verbose_name = "Toegang"

    def ready(self) -> None:
        # Each app's rules live beside its models, in ``<app>/access_rules.py``.
        autodiscover_modules("access_rules")
