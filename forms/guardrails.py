"""What an editor of the intake questions cannot publish (issue 19.3), as plain functions.

``question_errors`` checks one question on its own (Dutch message per field); ``questions_errors``
checks the list (conditions point at an earlier choice question and one of its answers).
``question_warnings`` only warns: a keyword on the label suggests special categories of personal
data while the question says it asks for none.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from forms.models import CHOICE_TYPES, TEXT_TYPES, QuestionType, SpecialCategory

MAX_TEXT_LENGTH = 2000
MAX_CHOICES = 50

# Art. 8.2: the intake already asks these; a second, unchecked copy is refused.
FIXED_FIELDS = (
    (re.compile(r"\bbsn\b|burger\s*service\s*nummer|sofi\s*nummer"), "het BSN van het subject"),
    (re.compile(r"\bna(a)?m(en)? (van )?(het |de )?(subject|betrokkene|persoon|jongere)\b"), "de naam van het subject"),
    (re.compile(r"\b(voor|achter|familie|geslachts)naam\b|\bvoornamen\b|\btussenvoegsel"), "de naam van het subject"),
    (re.compile(r"geboorte\s*datum|\bgeboren\b"), "de geboortedatum van het subject"),
    (
        re.compile(r"\b(woon)?adres\b|\bpostcode\b|\bwoonplaats\b|\bverblijfplaats\b|\bstraat\b|huisnummer"),
        "het adres van het subject",
    ),
    (
        re.compile(r"(naam|telefoon|contact|e-?mail|functie)\w*( van)?( de)? melder\b|\bwie (is de melder|meldt)\b"),
        "de melder",
    ),
    (
        re.compile(
            r"(omschrijving|beschrijving|beschrijf|omschrijf).*(signaal|waarneming|waargenomen)|wat heeft u waargenomen"
        ),
        "de omschrijving van het signaal",
    ),
    (re.compile(r"datum.*(waarneming|waargenomen|signaal)"), "de datum van de waarneming"),
)

SPECIAL_KEYWORDS = re.compile(
    r"religi|geloof|godsdienst|moskee|kerk|synagoge|levensovertuiging|gezondheid|ziek|psychi|diagnos|medicij|"
    r"\bggz\b|verslav|handicap|beperking|straf|veroordeel|delict|misdrijf|justitie|detentie|politieke|"
    r"vakbond|seksu|geaardheid|etnisch|\bras\b|afkomst|nationaliteit|biometr|genetisch|vingerafdruk"
)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def fixed_field_duplicated(label: str) -> str | None:
    """The art. 8.2 field this label asks for again, or None."""
    text = _normal(label)
    for pattern, name in FIXED_FIELDS:
        if pattern.search(text):
            return name
    return None


def date_from_text(text: str) -> datetime.date | None:
    for fmt in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 - only the date is kept
        except ValueError:
            continue
    return None


def question_errors(q) -> dict[str, str]:
    """Field name → Dutch message for every rule question ``q`` breaks (empty when it may be published)."""
    errors: dict[str, str] = {}
    kind = q.field_type
    choices = q.choice_list()
    duplicate = fixed_field_duplicated(q.label or "")
    if duplicate:
        errors["label"] = (
            f"Deze vraag vraagt opnieuw naar {duplicate}. Dat is een vaste vraag van het meldformulier "
            "(art. 8.2 convenant) met eigen controles; stel die hier niet nog eens."
        )
    if kind in CHOICE_TYPES:
        if not choices:
            errors["choices"] = "Geef voor dit soort vraag minstens één keuze op, één per regel."
        elif len(choices) > MAX_CHOICES:
            errors["choices"] = f"Geef ten hoogste {MAX_CHOICES} keuzes op."
        elif len(set(choices)) != len(choices):
            errors["choices"] = "Elke keuze mag maar één keer voorkomen."
    elif q.choices.strip():
        errors["choices"] = (
            "Dit soort vraag heeft geen keuzes. Kies een keuzelijst, keuzerondjes of aanvinkvakjes, "
            "of maak dit veld leeg."
        )
    if kind == QuestionType.CHECKBOX and q.required:
        errors["required"] = (
            "Eén aanvinkvakje kan niet verplicht zijn: dan kan de melder alleen ‘ja’ antwoorden. "
            "Gebruik keuzerondjes met Ja en Nee."
        )
    if q.max_length is not None:
        if kind not in TEXT_TYPES:
            errors["max_length"] = "Een maximale lengte kan alleen bij een tekstregel of tekstvak."
        elif not 1 <= q.max_length <= MAX_TEXT_LENGTH:
            errors["max_length"] = f"Kies een maximale lengte van 1 tot en met {MAX_TEXT_LENGTH} tekens."
    if q.pattern:
        if kind != QuestionType.SINGLELINE:
            errors["pattern"] = "Een patroon kan alleen bij een tekstregel."
        else:
            try:
                re.compile(q.pattern)
            except re.error:
                errors["pattern"] = "Dit patroon is geen geldige reguliere expressie."
    if (q.min_value is not None or q.max_value is not None) and kind != QuestionType.NUMBER:
        errors["min_value"] = "Een kleinste of grootste getal kan alleen bij een getal."
    elif q.min_value is not None and q.max_value is not None and q.min_value > q.max_value:
        errors["max_value"] = "Het grootste getal is kleiner dan het kleinste."
    if (q.date_not_in_future or q.date_min or q.date_max) and kind != QuestionType.DATE:
        errors["date_min"] = "Datumgrenzen kunnen alleen bij een datum."
    elif q.date_min and q.date_max and q.date_min > q.date_max:
        errors["date_max"] = "De laatste datum ligt vóór de vroegste datum."
    if q.default_value:
        message = _default_error(q, choices)
        if message:
            errors["default_value"] = message
    if bool(q.show_when_question) != bool(q.show_when_value):
        errors["show_when_value"] = (
            "Kies zowel de vraag als het antwoord waarbij deze vraag verschijnt, of geen van beide."
        )
    if not q.special_category:
        errors["special_category"] = (
            "Geef aan of deze vraag naar bijzondere of strafrechtelijke persoonsgegevens vraagt."
        )
    elif q.special_category != SpecialCategory.NONE and not (q.legal_ground or "").strip():
        errors["legal_ground"] = (
            "Deze vraag vraagt naar bijzondere of strafrechtelijke persoonsgegevens (art. 9–10 AVG): "
            "vermeld de grondslag en de uitzondering waarop dat mag."
        )
    return errors


def _default_error(q, choices: list[str]) -> str | None:
    kind, value = q.field_type, q.default_value.strip()
    if kind in CHOICE_TYPES:
        wanted = [v.strip() for v in value.split(";")] if kind == QuestionType.CHECKBOXES else [value]
        if any(v not in choices for v in wanted):
            return "De standaardwaarde moet een van de keuzes zijn (bij aanvinkvakjes: gescheiden door ;)."
    elif kind == QuestionType.CHECKBOX and value not in ("Ja", "Nee"):
        return "De standaardwaarde van een aanvinkvakje is Ja of Nee."
    elif kind == QuestionType.DATE and date_from_text(value) is None:
        return "Schrijf de standaarddatum als dag-maand-jaar, bijvoorbeeld 01-02-2026."
    elif kind == QuestionType.NUMBER and not re.fullmatch(r"-?\d+", value):
        return "De standaardwaarde van een getal is een geheel getal."
    elif kind in TEXT_TYPES and q.max_length and len(value) > q.max_length:
        return "De standaardwaarde is langer dan de maximale lengte."
    elif kind == QuestionType.SINGLELINE and q.pattern:
        try:
            if not re.fullmatch(q.pattern, value):
                return "De standaardwaarde voldoet niet aan het patroon."
        except re.error:
            return None
    return None


def questions_errors(questions: list) -> dict[int, dict[str, str]]:
    """Index in ``questions`` → errors of the list as a whole (conditions, duplicate labels)."""
    errors: dict[int, dict[str, str]] = {}
    earlier: dict[str, object] = {}
    labels: set[str] = set()
    for index, q in enumerate(questions):
        label = _normal(q.label or "").strip()
        if label and label in labels:
            errors.setdefault(index, {})["label"] = "Deze vraag staat al eerder in de lijst."
        labels.add(label)
        if q.show_when_question:
            source = earlier.get(q.show_when_question)
            if source is None:
                errors.setdefault(index, {})["show_when_question"] = (
                    "De vraag waarvan deze vraag afhangt moet eerder in de lijst staan."
                )
            elif source.field_type not in (*CHOICE_TYPES, QuestionType.CHECKBOX):
                errors.setdefault(index, {})["show_when_question"] = (
                    "Een vraag kan alleen afhangen van een keuzevraag of een aanvinkvakje."
                )
            else:
                allowed = ["Ja", "Nee"] if source.field_type == QuestionType.CHECKBOX else source.choice_list()
                if q.show_when_value not in allowed:
                    errors.setdefault(index, {})["show_when_value"] = (
                        "Kies een antwoord dat bij die vraag mogelijk is: " + ", ".join(allowed) + "."
                    )
        earlier[str(q.uuid)] = q
    return errors


def question_warnings(q) -> list[str]:
    """Warnings only (never a refusal): the label suggests special categories while the question says none."""
    if q.special_category == SpecialCategory.NONE and SPECIAL_KEYWORDS.search(_normal(q.label or "")):
        return [
            f"Let op: de vraag “{q.label}” lijkt naar bijzondere of strafrechtelijke persoonsgegevens te vragen "
            "(art. 9–10 AVG), maar is aangemerkt als ‘geen’. Controleer dat."
        ]
    return []
