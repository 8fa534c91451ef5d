"""Fixtures for the public site: the imported convenant and the roles that edit and approve it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from pages.models import ConvenantPage
from pages.services import convenant_import

SHARED_TEXT = Path(settings.BASE_DIR).parent / "shared" / "convenant" / "convenant-limburg-2019.txt"


def signed_text_path() -> Path:
    """The signed text beside the clone (../shared/), or the project's own identical copy."""
    return SHARED_TEXT if SHARED_TEXT.is_file() else Path(settings.CONVENANT_TEXT_PATH)


@pytest.fixture
def signed_text() -> str:
    return signed_text_path().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def _site_imported(django_db_setup, django_db_blocker) -> Iterator[None]:
    """``convenant_import`` once per test module instead of once per test (~0.4 s each, 76 tests;
    issue 18.5), in the way Django's ``TestCase.setUpTestData`` works: an outer transaction around
    the module, rolled back at its end; each test's own transaction is a savepoint inside it, so
    every test starts from the freshly imported site and nothing it changes reaches the next test.
    A transactional test cannot run inside it (``site`` refuses that)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            convenant_import()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def site(request, _site_imported, db) -> ConvenantPage:
    """The public site as ``manage.py import_convenant`` builds it (a fresh instance per test)."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        raise pytest.UsageError(f"{request.node.nodeid}: `site` is for non-transactional tests; import the site itself")
    return ConvenantPage.objects.get()
