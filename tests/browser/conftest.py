"""Browser journeys: Playwright for Python driving Debian's Chromium against pytest-django's live server.

Requirements (installed by ``.ci/browser-setup``):
- Debian's Chromium at ``/usr/bin/chromium`` (or ``CHROMIUM_PATH``) with chromium-l10n (Dutch date fields);
  Playwright never downloads a browser;
- axe-core from npm in ``tests/browser/node_modules`` (``npm ci --prefix tests/browser``).

When either is missing the browser tests are deselected and the run says what is missing and how to
install it. With ``REQUIRE_BROWSER=1`` (CI) they are kept and fail instead: a missing browser never passes.

A failing journey leaves a screenshot of every open page in ``test-results/``; the axe counts of each
visited page are printed at the end of the run and written to ``test-results/axe-report.json``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from pages import publication
from tests.browser.journey import ACTION_TIMEOUT_MS, AXE_JS, AXE_REPORT, HERE, RESULTS

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Headless Chromium (the full browser) gives every browser context a window whose WebUI omnibox
# pop-ups (chrome://omnibox-popup.top-chrome/) are preloaded in a renderer of their own and keep
# drawing: measured with 10 contexts, 0.98 s of CPU to open each and 1.2 cores while they sat idle;
# without them 0.3 s and 0.08 cores (issue 18.5). The journeys never use an address bar.
# Nor a spare renderer: Chromium starts one ahead of the next navigation, and a journey's next page
# is mostly a new context, which gets a process of its own; the whole browser pass started 129
# processes with it and 89 without, and Chromium's CPU fell ~6 % (A/B, same hour: 152 -> 140 and
# 143 -> 134 CPU-s).
DISABLED_FEATURES = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "SpareRendererForSitePerProcess"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=nl-NL",  # a Dutch browser: date fields read dag-maand-jaar
]
INSTALL_HINT = (
    "installeer met: bash .ci/browser-setup (apt-get install chromium chromium-l10n; npm ci --prefix tests/browser)"
)


def _playwright_disabled_features() -> list[str]:
    """The features Playwright itself starts Chromium without. Chromium keeps only the last
    ``--disable-features`` switch, so ours must repeat them (Playwright has no option that merges).
    Read from the driver this Playwright ships, so an upgrade cannot leave a stale copy here."""
    from playwright._impl._driver import compute_driver_executable

    lib = Path(compute_driver_executable()[1]).parent / "lib"
    for source in (lib / "coreBundle.js", lib / "server" / "chromium" / "chromiumSwitches.js"):
        if source.is_file():
            found = re.search(r"disabledFeatures = \[(.*?)\]", source.read_text(encoding="utf-8"), re.S)
            if found:
                return re.findall(r'"(\w+)"', found.group(1))
    raise RuntimeError(f"Playwrights lijst met uitgeschakelde Chromium-functies niet gevonden in {lib}")


def chromium_args() -> list[str]:
    features = list(dict.fromkeys(_playwright_disabled_features() + DISABLED_FEATURES))
    return [*CHROMIUM_ARGS, "--disable-features=" + ",".join(features)]


def browser_missing() -> list[str]:
    """What the browser tests need and this machine lacks (empty when all is there)."""
    missing = []
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)) and not shutil.which(CHROMIUM):
        missing.append(f"Chromium ({CHROMIUM})")
    elif CHROMIUM == "/usr/bin/chromium" and not os.path.isfile("/usr/lib/chromium/locales/nl.pak"):
        missing.append("Chromium's Nederlandse taal (Debian-pakket chromium-l10n; datumvelden dag-maand-jaar)")
    if not AXE_JS.is_file():
        missing.append(f"axe-core ({AXE_JS.relative_to(Path(settings.BASE_DIR))})")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("het Python-pakket playwright (pip install -r requirements.txt)")
    return missing


def browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "") not in ("", "0")


def _is_browser_test(item) -> bool:
    return HERE in Path(str(item.fspath)).resolve().parents


def pytest_collection_modifyitems(config, items):
    """Deselect the browser tests (loudly) when Chromium or axe-core is missing, unless REQUIRE_BROWSER=1."""
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.browser)
    missing = browser_missing()
    if not missing or browser_required():
        return
    browser_items = [item for item in items if _is_browser_test(item)]
    if browser_items:
        config.hook.pytest_deselected(items=browser_items)
        items[:] = [item for item in items if not _is_browser_test(item)]
        message = (
            f"\nBROWSERTESTS NIET UITGEVOERD: {len(browser_items)} browsertest(s) gedeselecteerd, "
            f"want dit ontbreekt: {', '.join(missing)}; {INSTALL_HINT}. CI zet REQUIRE_BROWSER=1 en faalt dan.\n"
        )
        config._browser_missing_message = message
        print(message)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    message = getattr(config, "_browser_missing_message", None)
    if message:
        terminalreporter.section("browsertests", sep="=")
        terminalreporter.write_line(message.strip())
    if AXE_REPORT:
        terminalreporter.section("axe-core: toegankelijkheid per bezochte pagina", sep="=")
        for entry in AXE_REPORT:
            c = entry["counts"]
            terminalreporter.write_line(
                f"{entry['journey']:<32} {entry['path']:<48} critical={c['critical']} serious={c['serious']} "
                f"moderate={c['moderate']} minor={c['minor']} passes={entry['passes']}"
            )
            for why in entry.get("known_upstream", []):
                terminalreporter.write_line(f"{'':<32} waarvan bekend, buiten dit project: {why}")
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "axe-report.json").write_text(json.dumps(AXE_REPORT, indent=2), encoding="utf-8")
        terminalreporter.write_line(f"Volledig rapport: {RESULTS / 'axe-report.json'}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _convenant_pdf_on_demand(request, monkeypatch):
    """The journeys publish the convenant, its annexes and parties over and over (``site_setup``,
    ``referentiekader_publish``, every party a fixture adds), and after each commit the publication
    renders the convenant PDF: ~2 s of CPU each, a third of the journeys' own CPU (issue 18.5). Only
    the public journey looks at the PDF: marked ``convenant_pdf_on_publish``, it keeps the rendering
    on publication. The others store no edition, so ``/convenant/pdf/`` would render the live one on
    its first request, as on a fresh database (``pages.pdf_store.convenant_pdf_current``). The
    rendering on publication itself is proved in tests/pages/test_published_once.py."""
    if request.node.get_closest_marker("convenant_pdf_on_publish") is None:
        monkeypatch.setattr(publication, "convenant_pdf_refresh", lambda: None)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session (launches are slow on shared cores)."""
    missing = browser_missing()
    if missing:
        pytest.fail(
            f"Browsertests vereist (REQUIRE_BROWSER=1), maar dit ontbreekt: {', '.join(missing)}; {INSTALL_HINT}"
        )
    # Playwright's sync API keeps an asyncio loop on this thread; the ORM calls in the tests are synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import expect, sync_playwright

    # The assertions (``expect``) wait as long as the actions do (``Pages.new``).
    expect.set_options(timeout=ACTION_TIMEOUT_MS)
    manager = sync_playwright().start()
    chromium = manager.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=chromium_args(),
        env={**os.environ, "LANG": "nl_NL.UTF-8", "LANGUAGE": "nl"},
    )
    yield chromium
    chromium.close()
    manager.stop()


class Pages:
    """Opens a fresh browser context (one user, its own cookies) per call; screenshots them on failure."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.contexts = []

    def new(self, *, java_script: bool = True):
        # bypass_csp: the site's CSP rightly forbids inline scripts; only the injected axe-core needs it.
        context = self.browser.new_context(
            base_url=self.base_url,
            locale="nl-NL",
            accept_downloads=True,
            bypass_csp=True,
            java_script_enabled=java_script,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.bypasses_csp = True  # axe-core may come as a script from elsewhere (journey.axe_inject)
        self.contexts.append(context)
        return context.new_page()

    def screenshot_all(self, name: str) -> list[Path]:
        RESULTS.mkdir(exist_ok=True)
        shots = []
        for c, context in enumerate(self.contexts):
            for p, page in enumerate(context.pages):
                path = RESULTS / f"{name}-{c}-{p}.png"
                try:
                    page.screenshot(path=str(path), full_page=True)
                    shots.append(path)
                except Exception as exc:
                    print(f"schermafdruk mislukt: {type(exc).__name__}")
        return shots

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(request, browser, live_server) -> Iterator[Pages]:
    opened = Pages(browser, live_server.url)
    yield opened
    failed = any(
        getattr(request.node, f"rep_{when}", None) and getattr(request.node, f"rep_{when}").failed
        for when in ("setup", "call")
    )
    if failed:
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        for path in opened.screenshot_all(name):
            print(f"schermafdruk: {path}")
    opened.close()
