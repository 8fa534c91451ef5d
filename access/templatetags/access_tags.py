"""``{% if request.user|may:"weegploeg.view_inbox" %}``: navigation asks the same rules as the screens."""

from django import template

from access.screens import access_allowed

register = template.Library()


@register.filter
def may(user, rule: str) -> bool:
    return access_allowed(user, rule)
