"""``{% intake_version revision_id %}``: "versie 3, 30-11-2026" linked to the questionnaire as it was."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from forms.selectors import intake_version

register = template.Library()


@register.simple_tag
def intake_version_link(revision_id):
    label, url = intake_version(revision_id)
    if url:
        return format_html('<a href="{}">{}</a>', url, label)
    return label
