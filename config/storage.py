"""Static files storage for production: whitenoise's compressed manifest storage, strict for our
own files and tolerant only of third-party stylesheets that point at files their wheel does not
ship (viewflow's ``roboto-fontface.css`` named dozens of Roboto fonts missing from its package;
viewflow's assets are no longer collected, config/staticfinders.py, but any other package may do
the same). Without this, ``collectstatic`` stops with ``MissingFileError``, no manifest is written and every
page that uses ``{% static %}`` answers 500.

Compressed copies are gzip only: nginx serves ``/static/`` itself with ``gzip_static on``
(deploy/nginx/casusoverleg.conf; Debian's nginx-light has no brotli module), so a ``.br`` copy would
never be sent, and brotli at its highest level was most of ``collectstatic``'s time (issue 18.5).
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.contrib.staticfiles import finders
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)

_THIRD_PARTY_DIRS = {"site-packages", "dist-packages"}


def is_third_party_static(name: str) -> bool:
    """True when the static file ``name`` is collected from an installed package, not the project."""
    origin = finders.find(name)
    if not origin:
        return False
    if isinstance(origin, list | tuple):
        origin = origin[0]
    return bool(_THIRD_PARTY_DIRS & set(Path(origin).parts))


class ProjectManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """A missing reference in a third-party CSS file is left as it is (the browser falls back to
    another font or format); a missing reference in one of the project's own files still fails."""

    def create_compressor(self, **kwargs) -> Compressor:
        return super().create_compressor(**{**kwargs, "use_brotli": False})

    def url_converter(self, name, hashed_files, template=None):
        strict_converter = super().url_converter(name, hashed_files, template)
        if not is_third_party_static(name):
            return strict_converter

        def tolerant_converter(matchobj):
            try:
                return strict_converter(matchobj)
            except ValueError as exc:
                if "could not be found" not in str(exc):
                    raise
                logger.info("static: %s refers to a file its package does not ship; left as is", name)
                return matchobj.group("matched")

        return tolerant_converter
