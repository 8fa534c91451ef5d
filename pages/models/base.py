"""What every public page shares (in the manner of wagtail/bakerydemo's base page).

``BasePage`` is the abstract root of the site's page types: a published page is cacheable for
anonymous visitors (``PublicCacheMixin``) and may add sub-URLs with ``@path`` (routable).
``IntroPage`` adds the one field several pages have in common, the rich-text introduction.
``VersionedPageMixin`` gives a page its public version history (art. 11.1: every published
version of the convenant and its annexes stays readable).

Abstract models add no table: the fields land in each concrete page's own table, exactly as
before, so this module needs no migration.
"""

from __future__ import annotations

from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, Revision
from wagtail.search import index

from pages.page_cache import response_mark
from pages.versions import published_revision, published_versions, sections_diff

INTRO_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class PublicCacheMixin:
    """Marks the response of a published page: cacheable for anonymous visitors, never for a logged-in user."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response_mark(request, response)
        return response


class VersionedPageMixin(RoutablePageMixin):
    """Adds ``versies/`` (every published version) and ``versies/<id>/`` (that version and its diff)."""

    version_template = "pages/version_detail.html"
    versions_template = "pages/version_list.html"

    def version_sections(self) -> list[tuple[str, str, str]]:  # pragma: no cover - each page type overrides
        """(key, label, plain text) per article or criterion: what the diff compares."""
        raise NotImplementedError

    @path("versies/", name="versions")
    def versions_view(self, request):
        versions = list(reversed(published_versions(self)))
        return self.render(
            request, template=self.versions_template, context_overrides={"versions": versions, "versioned_page": self}
        )

    @path("versies/<int:revision_id>/", name="version")
    def version_view(self, request, revision_id: int):
        try:
            version, previous, revision = published_revision(self, revision_id)
        except LookupError:
            raise Http404("Deze versie bestaat niet of is nooit gepubliceerd.") from None
        old_page = revision.as_object()
        previous_sections = None
        if previous is not None:
            previous_sections = Revision.objects.get(pk=previous.revision_id).as_object().version_sections()
        diff = sections_diff(previous_sections, old_page.version_sections())
        return self.render(
            request,
            template=self.version_template,
            context_overrides={
                "version": version,
                "previous": previous,
                "old_page": old_page,
                "diff": diff,
                "changed_count": sum(1 for d in diff if d.changed),
                "versioned_page": self,
            },
        )


class BasePage(PublicCacheMixin, RoutablePageMixin, Page):
    """The abstract root of every public page type: cached for anonymous visitors, routable, no
    children unless a page type says otherwise.

    The order of the bases matters: the cache mark wraps the routing, so a routed view
    (``zoeken/``, ``versies/``, ``begrippen/``) is marked like the page itself."""

    subpage_types: list[str] = []

    class Meta:
        abstract = True


class IntroPage(BasePage):
    """An abstract public page with a rich-text introduction (home page, referentiekader, parties)."""

    intro = RichTextField("inleiding", blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        abstract = True
