"""Dutch labels for viewflow's task statuses (django-viewflow ships no Dutch translation)."""

from django import template

register = template.Library()

TASK_STATUS_NL = {
    "NEW": "Klaar om op te pakken",
    "ASSIGNED": "Opgepakt",
    "STARTED": "In behandeling",
    "DONE": "Afgerond",
    "CANCELED": "Geannuleerd",
    "ERROR": "Fout",
    "REVIVED": "Hersteld",
    "SCHEDULED": "Gepland",
}


@register.filter
def taakstatus(value) -> str:
    return TASK_STATUS_NL.get(str(value), str(value))
