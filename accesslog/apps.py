from django.apps import AppConfig


class AccesslogConfig(AppConfig):
    name = "accesslog"
    verbose_name = "Toegangslog"

    def ready(self):
        from accesslog import checks  # noqa: F401 - registers the key checks
