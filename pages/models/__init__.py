"""The public site: the convenant, its annexes, the referentiekader and the parties (art. 11.1).

Page tree (stable URLs, a contract other parts rely on)::

    /                         HomePage             home.py: zoeken/
    /convenant/               ConvenantPage        convenant.py: #artikel-7(-lid-3), pdf/, versies/, begrippen/
    /convenant/bijlage-1/     AnnexPage            annex.py: externe casuspartners (from the party registry)
    /convenant/bijlage-2/     AnnexPage            annex.py: procesbeschrijving
    /convenant/bijlage-3/     ReferentiekaderPage  annex.py: criteria as structured data
    /convenant/partijen/      PartiesPage          parties.py

What the page types share lives in ``base.py`` (the abstract ``BasePage`` and ``IntroPage``, the
version history); the stored PDF editions in ``pdf.py``.
"""

from pages.models.annex import AnnexPage, ReferentiekaderPage
from pages.models.base import BasePage, IntroPage, PublicCacheMixin, VersionedPageMixin
from pages.models.convenant import ConvenantPage
from pages.models.home import SEARCH_QUERY_MAX_LENGTH, HomePage
from pages.models.parties import ARTICLE_2_LETTER_FOR_KIND, PartiesPage
from pages.models.pdf import StoredPdf

__all__ = [
    "ARTICLE_2_LETTER_FOR_KIND",
    "SEARCH_QUERY_MAX_LENGTH",
    "AnnexPage",
    "BasePage",
    "ConvenantPage",
    "HomePage",
    "IntroPage",
    "PartiesPage",
    "PublicCacheMixin",
    "ReferentiekaderPage",
    "StoredPdf",
    "VersionedPageMixin",
]
