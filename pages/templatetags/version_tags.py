"""The public version of the referentiekader an analysis used: "Versie 2, gepubliceerd 3 maart 2027",
linked to that published version — the number an auditor finds in the public version list
(never Wagtail's internal revision id)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from wagtail.models import Revision

from pages.models import ReferentiekaderPage
from pages.versions import published_versions

register = template.Library()


@dataclass(frozen=True)
class PublicVersion:
    number: int
    published_on: object
    url: str

    @property
    def label(self) -> str:
        return f"Versie {self.number}, gepubliceerd {formats.date_format(self.published_on, 'j F Y')}"


def public_version(revision_id: int | None) -> PublicVersion | None:
    """The published version of the referentiekader that ``revision_id`` is, or None."""
    if not revision_id:
        return None
    revision = Revision.page_revisions.filter(pk=revision_id).only("object_id").first()
    page = ReferentiekaderPage.objects.filter(pk=revision.object_id).first() if revision else None
    if page is None:
        return None
    for version in published_versions(page):
        if version.revision_id == revision_id:
            url = page.url + page.reverse_subpage("version", args=[revision_id]) if page.url else ""
            return PublicVersion(version.number, timezone.localtime(version.published_at).date(), url)
    return None


@register.simple_tag
def referentiekader_version(revision_id) -> str:
    """A link to the public version, e.g. "Versie 2, gepubliceerd 3 maart 2027"."""
    version = public_version(int(revision_id)) if revision_id else None
    if version is None:
        return "versie onbekend (niet meer gepubliceerd)"
    if not version.url:  # a page outside the site tree has no public address
        return version.label
    return format_html('<a href="{}">{}</a>', version.url, version.label)
