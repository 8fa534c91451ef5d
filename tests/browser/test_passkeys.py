"""Passkeys in a real Chromium with a virtual authenticator (issue 17 item 9, art. 15.2d).

The authenticator is Chrome's own (DevTools protocol ``WebAuthn.addVirtualAuthenticator``: CTAP2,
built in, resident keys and user verification). These pages run under the site's real CSP (no
``bypass_csp``): the library's script must work as our own static file, without inline script.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from accounts.roles import Role
from tests.browser.journey import ACTION_TIMEOUT_MS, axe_check, login
from tests.factories import PASSWORD, UserFactory, party
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNEY = "passkeys"


@pytest.fixture
def relying_party(settings, live_server):
    settings.OTP_WEBAUTHN_RP_ID = urlparse(live_server.url).hostname
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    assert settings.OTP_WEBAUTHN_RP_ID == "localhost", "WebAuthn needs a domain, not an IP address"


def _strict_page(pages):
    """A page under the site's own Content-Security-Policy, with a virtual authenticator, that
    records every CSP violation."""
    context = pages.browser.new_context(
        base_url=pages.base_url, locale="nl-NL", bypass_csp=False, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    pages.contexts.append(context)
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda msg: page.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    page.authenticator_id = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )["authenticatorId"]
    page.cdp = cdp
    return page


def _password_step(page, user, next_url="/werk/"):
    page.goto(f"/inloggen/?next={next_url}")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Verder").click()


def test_art_15_2d_user_links_a_passkey_logs_out_and_logs_in_with_password_and_passkey(pages, relying_party):
    user = accepted(UserFactory(roles=[Role.MELDER], party=party("De politie")))
    page = _strict_page(pages)
    policy = page.request.get("/inloggen/").headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    login(page, user, next_url="/account/passkeys/")
    axe_check(page, JOURNEY)
    page.get_by_role("button", name="Passkey koppelen").click()
    page.get_by_text("Uw passkey is gekoppeld.").wait_for()
    passkey = WebAuthnCredential.objects.get(user=user)
    assert page.get_by_role("cell", name=passkey.name, exact=True).count() == 1
    credentials = page.cdp.send("WebAuthn.getCredentials", {"authenticatorId": page.authenticator_id})
    assert len(credentials["credentials"]) == 1

    page.get_by_role("button", name="Uitloggen").first.click()
    page.wait_for_url("**/inloggen/")

    _password_step(page, user)
    page.wait_for_url("**/inloggen/code/**")
    axe_check(page, JOURNEY)
    page.get_by_role("button", name="Inloggen met passkey").click()
    page.wait_for_url("**/werk/")
    assert page.get_by_role("heading", level=1).inner_text() == "Vandaag"
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None
    assert page.csp_violations == []


def test_art_15_2d_required_passkey_is_linked_right_after_the_app_code_and_completes_the_login(
    pages, relying_party, settings
):
    settings.PASSKEYS_REQUIRED_PARTIES = [party("De politie").slug]
    user = accepted(UserFactory(roles=[Role.MELDER], party=party("De politie")))
    page = _strict_page(pages)
    login(page, user, next_url="/account/passkeys/koppelen/")
    axe_check(page, JOURNEY)
    assert page.get_by_role("heading", level=1).inner_text() == "Koppel een passkey"
    page.goto("/werk/")
    assert "/account/passkeys/koppelen/" in page.url, "the app code alone opens nothing"
    page.get_by_role("button", name="Passkey koppelen").click()
    page.wait_for_url("**/werk/")
    assert page.get_by_role("heading", level=1).inner_text() == "Vandaag"
    assert WebAuthnCredential.objects.filter(user=user).count() == 1
    assert page.csp_violations == []


def test_art_15_2c_beheerder_resets_the_second_factor_of_a_user_who_lost_their_phone(pages):
    from authorisations.models import AuthorisationEvent, AuthorisationEventKind
    from tests.helpers import current_code, totp_device

    beheerder = accepted(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De gemeente Roermond")))
    target = UserFactory(roles=[Role.MELDER], party=party("De politie"), with_totp=True)
    page = pages.new()
    login(page, beheerder, next_url="/werk/")
    page.get_by_role("link", name="Tweede factor terugzetten (app of passkey kwijt)").first.click()
    page.wait_for_url("**/werk/gebruikers/tweede-factor/")
    axe_check(page, JOURNEY)
    page.get_by_label("Gebruiker").select_option(str(target.pk))
    page.get_by_label("Reden").fill("Telefoon kwijt; teruggebeld op het bekende nummer")
    # the code of the next step: the login just spent the current one
    page.get_by_label("Uw eigen code").fill(current_code(totp_device(beheerder), offset_steps=1))
    page.locator("summary", has_text="Tweede factor terugzetten").click()
    page.get_by_role("button", name="Ja, tweede factor terugzetten").click()
    page.get_by_text("is teruggezet").wait_for()
    axe_check(page, JOURNEY)
    assert AuthorisationEvent.objects.filter(kind=AuthorisationEventKind.SECOND_FACTOR_RESET, subject=target).exists()
    assert not totp_device_exists(target)


def totp_device_exists(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user).exists()
