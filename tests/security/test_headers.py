"""Security headers (art. 15.2a, d; OWASP ASVS 14.4) on a public page, a staff page and the admin,
and ``check --deploy`` under production settings."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from accounts.roles import Role
from tests.factories import UserFactory, party
from tests.helpers import child_environment, verified_client
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    result = {}
    for part in header.split(";"):
        name, *values = part.strip().split()
        result[name] = values
    return result


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def assert_strict(csp: dict[str, list[str]]):
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert "style-src-attr" not in csp


def test_art_15_headers_on_a_public_page(client):
    response = client.get("/inloggen/")
    assert response.status_code == 200
    assert_common_headers(response)
    assert_strict(directives(response))


def test_art_15_headers_on_a_staff_page():
    user = UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"))
    response = verified_client(user).get("/werk/autorisaties/beveiligingsplan/")
    assert response.status_code == 200
    assert_common_headers(response)
    assert_strict(directives(response))
    assert "no-store" in response["Cache-Control"]


def test_art_15_headers_on_the_workflow_pages_are_strict_too():
    # Viewflow's own screens (with their style="" attributes) are no longer mounted: the incident
    # screens are our own and get the strict policy without any relaxation.
    user = accepted(UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen")))
    response = verified_client(user).get("/werk/incidenten/melden/")
    assert response.status_code == 200
    csp = directives(response)
    assert_strict(csp)
    assert "style-src-attr" not in csp
    assert csp["frame-ancestors"] == ["'none'"]


def test_art_15_admin_gets_only_the_documented_relaxation():
    admin = UserFactory(party=party("De gemeente Roermond"), is_superuser=True)
    response = verified_client(admin).get("/admin/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = directives(response)
    assert csp["script-src"] == ["'self'"]  # no inline script, even in the admin
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.scratch_sqlite
def test_art_15_check_deploy_passes_under_production_settings(tmp_path):
    env = child_environment(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ACCESS_LOG_HMAC_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="casus.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
