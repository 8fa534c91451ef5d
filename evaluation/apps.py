from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Art. 18.4: yearly figures for the parties' evaluation, without personal data."""

    name = "evaluation"
    verbose_name = "Evaluatie"
