"""Dutch labels for the internal object types in the access log (the log stores the stable code;
the screen shows what a reviewer reads)."""

from __future__ import annotations

from django import template

register = template.Library()

OBJECT_TYPE_LABELS = {
    "weegploeg_file": "Weegploegdossier",
    "casusoverleg_file": "Casusoverlegdossier",
    "rights_request": "Verzoek inzage of correctie",
    "incident": "Incident of datalek",
    "retention": "Bewaartermijnen",
    "archief": "Archief",
    "autorisatielog": "Autorisatielog",
    "besluitvoorstel": "Besluitvoorstel",
    "beveiligingsplan": "Beveiligingsplan",
    "evaluatie": "Evaluatie",
    "gebruiker": "Gebruiker",
    "geheimhouding": "Geheimhoudingsverklaring",
    "overleg": "Overleg",
    "persoon": "Persoon",
    "rechtencontrole": "Rechtencontrole",
    "toegangslog": "Toegangslog",
    "toegangslog-controle": "Controle van het toegangslog",
    "toegangsmatrix": "Toegangsmatrix",
    "verwerkingsregister": "Verwerkingsregister",
    "werkomgeving": "Werkomgeving",
    "werkproces": "Werkproces",
    "dossier": "Dossier",
    "database": "Database",
}


@register.filter
def object_type_label(code: str) -> str:
    """The Dutch name of a logged object type; an unknown code is shown readably, never as-is."""
    code = str(code or "")
    return OBJECT_TYPE_LABELS.get(code) or code.replace("_", " ").replace("-", " ").capitalize()
