"""Shared fixtures. Every test package uses the factories in ``tests.factories`` and the
login helpers in ``tests.helpers``."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.helpers import HOST


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client() -> Client:
    """Django's test client, on an allowed host."""
    return Client(HTTP_HOST=HOST)
