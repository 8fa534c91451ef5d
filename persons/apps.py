from django.apps import AppConfig


class PersonsConfig(AppConfig):
    """Finding a person across the weegploeg file, the casusoverleg file and the archive."""

    name = "persons"
    verbose_name = "Personen zoeken"
