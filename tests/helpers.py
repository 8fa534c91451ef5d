"""Helpers to log in as a user would, or to skip straight to a verified session."""

from __future__ import annotations

import os

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.factories import PASSWORD, TOTPDeviceFactory

HOST = "127.0.0.1"

# Switches of this test process that a command it starts must not inherit: the browser journeys set
# DJANGO_ALLOW_ASYNC_UNSAFE for the whole process (Playwright keeps an event loop on the main
# thread), and ``check --deploy`` rightly refuses it.
TEST_PROCESS_ONLY = ("DJANGO_ALLOW_ASYNC_UNSAFE",)


def child_environment(**values: str) -> dict[str, str]:
    """The environment for a command a test starts: this process's, without its test-only switches."""
    inherited = {key: value for key, value in os.environ.items() if key not in TEST_PROCESS_ONLY}
    return {**inherited, **values}


def current_code(device: TOTPDevice, offset_steps: int = 0) -> str:
    """The code an authenticator app shows now (or ``offset_steps`` steps later)."""
    value = totp(device.bin_key, device.step, device.t0 - offset_steps * device.step, device.digits, device.drift)
    return f"{value:0{device.digits}d}"


def totp_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDeviceFactory(user=user)


def verified_client(user: User) -> Client:
    """A client whose session passed password and code (without spending a real code)."""
    client = Client(HTTP_HOST=HOST)
    device = totp_device(user)
    client.force_login(user, backend="accounts.backends.PartyAwareModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def password_only_client(user: User) -> Client:
    """A client that passed the password step but not the code."""
    client = Client(HTTP_HOST=HOST)
    client.force_login(user, backend="accounts.backends.PartyAwareModelBackend")
    return client


def login_over_http(client: Client, user: User, next_url: str = "/werk/"):
    """The real two steps, as a person would: password, then the current app code."""
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD, "next": next_url})
    device = totp_device(user)
    return client.post(f"/inloggen/code/?next={next_url}", {"code": current_code(device), "next": next_url})


def migration_data_restore() -> None:
    """Recreate, idempotently, what the data migrations put in a fresh database: Wagtail's locale
    and root page, the convenant's parties, and the role groups with their permissions.

    Transactional tests (live server, row locks) flush the database after each test, and Django's
    serialized rollback restores the migrations' data before the next (in bulk, and for every
    connection object of the process: ``tests/dbrestore.py``). This is the net under it, run after
    that restore by the autouse fixture in ``tests/conftest.py`` (~0.05 s): should a test ever start
    without the snapshot, the rows every test relies on are still there.
    """
    from django.conf import settings
    from django.contrib.auth.models import Permission
    from wagtail.models import Locale, Page

    from accounts.roles import roles_sync, roles_sync_after_migrate
    from parties.services import parties_seed

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(title="Root", slug="root", locale=locale)
    parties_seed()
    if Permission.objects.exists():
        roles_sync()
    else:
        # Django did not restore its snapshot (see above): the content types and permissions are gone
        # too, and only the post-migrate handlers make them, which a flush does not run. Seen on
        # PostgreSQL when a browser journey ran after the retention concurrency tests in one process.
        roles_sync_after_migrate(sender=None)
