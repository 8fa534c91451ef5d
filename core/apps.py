from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The small shared kernel: what several apps need (network, subject fields, dates, numbering)."""

    name = "core"
    verbose_name = "Kern"
