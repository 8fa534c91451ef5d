from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Publieke pagina’s"

    def ready(self) -> None:
        from pages.publication import receivers_connect

        receivers_connect()
