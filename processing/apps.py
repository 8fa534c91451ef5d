from django.apps import AppConfig


class ProcessingConfig(AppConfig):
    """Art. 4-5 convenant, art. 30 AVG: the register of processing activities, kept in the system."""

    name = "processing"
    verbose_name = "Verwerkingsregister"
