"""Issue 2: ``load_demo`` gives one demo user per role, is idempotent, and refuses production."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from accounts.models import User
from accounts.roles import Role
from accounts.services import user_roles

pytestmark = pytest.mark.django_db


def test_issue_2_5_load_demo_creates_one_user_per_role_and_prints_how_to_log_in():
    """Issue 2."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert {role for role, _ in DEMO_USERS.values()} == set(Role)
    for username, (role, party_name) in DEMO_USERS.items():
        user = User.objects.get(username=username)
        assert user_roles(user) == {role}
        assert user.party.name == party_name
        assert user.check_password(DEMO_PASSWORD)
        assert username in text
    assert DEMO_PASSWORD in text
    assert "otpauth://totp/" in text


def test_issue_2_5_load_demo_is_idempotent_and_keeps_changes():
    """Issue 2."""
    call_command("load_demo", stdout=io.StringIO())
    melder = User.objects.get(username="melder")
    melder.first_name = "Gewijzigd"
    melder.save()
    secret_before = melder.totpdevice_set.get().key
    call_command("load_demo", stdout=io.StringIO())
    melder.refresh_from_db()
    assert melder.first_name == "Gewijzigd"
    assert melder.totpdevice_set.get().key == secret_before
    assert User.objects.filter(username__in=DEMO_USERS).count() == len(DEMO_USERS)


def test_issue_2_5_load_demo_refuses_under_production_settings(settings):
    """Issue 2."""
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="alleen toegestaan"):
        call_command("load_demo", stdout=io.StringIO())
    assert not User.objects.filter(username="melder").exists()


def test_issue_2_5_demo_code_prints_the_current_code():
    """Issue 2."""
    from tests.helpers import current_code

    call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_code", "weegploeglid", stdout=out)
    device = User.objects.get(username="weegploeglid").totpdevice_set.get()
    assert out.getvalue().strip() == current_code(device)


@pytest.mark.scratch_sqlite
def test_issue_2_5_load_demo_refuses_to_run_with_the_production_settings(tmp_path):
    """Issue 2."""
    import subprocess
    import sys

    from django.conf import settings

    from tests.helpers import child_environment

    env = child_environment(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 60,
        ACCESS_LOG_HMAC_KEY="y" * 60,
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0, result.stdout[-2000:]
    assert "alleen toegestaan" in result.stderr, result.stderr[-2000:]
