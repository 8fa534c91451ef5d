"""Issue 15, item 6: /gezondheid/ answers 200 when the database answers and every migration is
applied, 503 otherwise; it is public (no login) and shows no personal data and no version."""

from unittest import mock

import pytest
from django.db import OperationalError

from core.health import health_cache_clear

pytestmark = pytest.mark.django_db

HEALTH = "/gezondheid/"


@pytest.fixture(autouse=True)
def _fresh_health_answer():
    health_cache_clear()
    yield
    health_cache_clear()


def test_issue_15_6_health_is_200_when_database_and_migrations_are_ready(client):
    """Issue 15."""
    response = client.get(HEALTH)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_issue_15_6_health_needs_no_login_and_no_second_factor(client):
    """Issue 15."""
    response = client.get(HEALTH, follow=False)
    assert response.status_code == 200
    assert "Location" not in response


def test_issue_15_6_health_is_503_when_a_migration_is_not_applied(client):
    """Issue 15."""
    from django.db.migrations.recorder import MigrationRecorder

    MigrationRecorder.Migration.objects.filter(app="accounts").order_by("-id")[:1].get().delete()
    response = client.get(HEALTH)
    assert response.status_code == 503
    assert response.json() == {"status": "niet beschikbaar"}


def test_issue_15_6_health_is_503_when_the_database_does_not_answer(client):
    """Issue 15."""
    with mock.patch("core.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get(HEALTH)
    assert response.status_code == 503
    assert "connection refused" not in response.content.decode()


def test_issue_15_6_health_leaks_no_version_or_server_details(client):
    """Issue 15."""
    response = client.get(HEALTH)
    body = response.content.decode().lower()
    for word in ("django", "wagtail", "python", "version", "postgres", "sqlite"):
        assert word not in body
    assert "Server" not in response or "gunicorn" not in response["Server"].lower()


def test_issue_15_6_health_refuses_writes(client):
    """Issue 15."""
    assert client.post(HEALTH).status_code == 405
