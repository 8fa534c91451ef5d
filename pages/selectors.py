"""Reads of the published site for the rest of the system.

The weegploeg analysis (art. 7.3) applies the *published* referentiekader and stores the id of
the exact revision it used; ``referentiekader_at_revision`` shows an old analysis with the
criteria as they were then.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Revision

from pages.models import ConvenantPage, ReferentiekaderPage


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    guidance: str
    theme: str


@dataclass(frozen=True)
class ReferentiekaderVersion:
    page_id: int
    revision_id: int
    title: str
    criteria: tuple[Criterion, ...]


def _version(page: ReferentiekaderPage, revision_id: int) -> ReferentiekaderVersion:
    criteria = tuple(
        Criterion(code=c["code"], title=c["title"], guidance=c["guidance"], theme=c["theme"])
        for c in page.criteria_list()
    )
    return ReferentiekaderVersion(page_id=page.pk, revision_id=revision_id, title=page.title, criteria=criteria)


def referentiekader_live() -> ReferentiekaderVersion | None:
    """The live (published) referentiekader and the id of that exact published revision; None if none is live."""
    page = ReferentiekaderPage.objects.live().first()
    if page is None or page.live_revision_id is None:
        return None
    return _version(page, page.live_revision_id)


def referentiekader_at_revision(revision_id: int) -> ReferentiekaderVersion:
    """The criteria as they were in ``revision_id``.

    Raises ``Revision.DoesNotExist`` if the revision does not exist or is not a referentiekader revision.
    """
    revision = Revision.page_revisions.select_related("content_type").get(pk=revision_id)
    page = revision.as_object()
    if not isinstance(page, ReferentiekaderPage):
        raise Revision.DoesNotExist(f"Revisie {revision_id} hoort niet bij het referentiekader.")
    return _version(page, revision.pk)


def convenant_live() -> ConvenantPage | None:
    return ConvenantPage.objects.live().first()


def glossary_terms() -> list[dict[str, str]]:
    """The defined terms of art. 1 (a–m) with a link to their definition on the convenant page."""
    page = convenant_live()
    return page.glossary() if page else []
