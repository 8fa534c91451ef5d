"""Fixtures for the public site: the imported convenant and the roles that edit and approve it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from pages.models import ConvenantPage
from pages.services import convenant_import

SHARED_TEXT = Path(settings.BASE_DIR).parent / "shared" / "convenant" / "convenant-limburg-2019.txt"


def signed_text_path() -> Path:
    """The signed text beside the clone (../shared/), or the project's own identical copy."""
    return SHARED_TEXT if SHARED_TEXT.is_file() else Path(settings.CONVENANT_TEXT_PATH)


@pytest.fixture
def signed_text() -> str:
    return signed_text_path().read_text(encoding="utf-8")


@pytest.fixture
def site(db) -> ConvenantPage:
    """The public site as ``manage.py import_convenant`` builds it."""
    convenant_import()
    return ConvenantPage.objects.get()
