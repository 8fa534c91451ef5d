"""``{% process_diagrams as diagrams %}``: the flow diagrams for bijlage 2 (see ``pages.process_diagrams``)."""

from django import template

from pages.process_diagrams import process_diagrams as _process_diagrams

register = template.Library()


@register.simple_tag
def process_diagrams():
    return _process_diagrams()
