"""``{{ days_left|termijn }}``: days left on a legal deadline in words (never colour alone)."""

from django import template

register = template.Library()


@register.filter
def termijn(days_left) -> str:
    if days_left is None:
        return "–"
    days = int(days_left)
    if days < 0:
        late = -days
        return f"Termijn verstreken: {late} dag{'en' if late != 1 else ''} te laat"
    if days == 0:
        return "Verloopt vandaag"
    return f"Nog {days} dag{'en' if days != 1 else ''}"
