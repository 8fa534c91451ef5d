from django.apps import AppConfig


class SecrecyConfig(AppConfig):
    name = "secrecy"
    verbose_name = "Geheimhouding"
