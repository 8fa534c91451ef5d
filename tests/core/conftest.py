import pytest

from tests.weegploeg.fixtures import published_referentiekader  # noqa: F401


@pytest.fixture
def services_as_verified_users(monkeypatch):
    """Service calls outside a request: the users count as having passed the code step (over HTTP,
    django-otp's middleware sets ``is_verified`` on the request's user itself)."""
    from accounts.models import User

    monkeypatch.setattr(User, "is_verified", lambda self: True, raising=False)
