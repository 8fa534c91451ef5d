"""Steps the browser journeys share: a real two-step login, the axe-core check, the set-up of the site."""

from __future__ import annotations

import http.server
import threading
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.core.management import call_command

from tests.factories import PASSWORD
from tests.helpers import current_code, totp_device, verified_client

IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = ("critical", "serious")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
RESULTS = Path(settings.BASE_DIR) / "test-results"
# How long an action (click, fill) and an assertion (``expect``) wait for their element; Playwright's
# own defaults (30 s and 5 s) differ, and on a loaded CI host an assertion must not give up first.
ACTION_TIMEOUT_MS = 15_000
AXE_REPORT: list[dict] = []  # every visited page's counts, printed at the end of the run

# Violations in third-party code we cannot fix here, each with its upstream issue: (rule, path prefix,
# every target must contain this, why). They are still counted and printed, and fail nowhere else.
KNOWN_UPSTREAM = [
    (
        "aria-input-field-name",
        "/admin/",
        ".notranslate",
        "Wagtail's Draftail-editor geeft zijn tekstvak geen toegankelijke naam (wagtail/wagtail#14205)",
    ),
]


def _known_upstream(violation: dict, path: str) -> str | None:
    for rule, prefix, target_part, why in KNOWN_UPSTREAM:
        targets = violation["targets"]
        if violation["id"] == rule and path.startswith(prefix) and targets and all(target_part in t for t in targets):
            return why
    return None


def site_setup() -> None:
    """What ``make run`` builds: the published convenant and its annexes, and the intake questions."""
    call_command("import_convenant", verbosity=0)
    call_command("seed_intake_form", verbosity=0)


@cache
def _axe_bytes() -> bytes:
    return AXE_JS.read_bytes()


def _axe_source() -> str:
    return _axe_bytes().decode("utf-8")


class _AxeHandler(http.server.BaseHTTPRequestHandler):
    """Serves axe.min.js, and nothing else, for the browser to cache."""

    def do_GET(self) -> None:  # the name http.server calls
        if self.path != "/axe.min.js":
            self.send_error(404)
            return
        body = _axe_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=86400")
        self.send_header("Cross-Origin-Resource-Policy", "cross-origin")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # http.server's signature: quiet
        pass


@cache
def _axe_url() -> str:
    """The address of axe.min.js on a small server of this test process (started once)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _AxeHandler)
    threading.Thread(target=server.serve_forever, name="axe-core", daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/axe.min.js"


AXE_LOAD = """(url) => new Promise((loaded, failed) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => { script.remove(); loaded(); };
    script.onerror = () => { script.remove(); failed(new Error('axe-core niet geladen van ' + url)); };
    document.head.appendChild(script);
})"""


def axe_inject(page) -> None:
    """Make axe-core available on this page; only pages that are checked load it.

    axe.min.js is 650 KB. Run at the start of every document (an init script) it cost ~70 ms of CPU
    on each page a journey opened, checked or not, and sent through the DevTools protocol per page it
    cost more than the check itself (issue 18.5). So a page whose context bypasses the site's
    Content-Security-Policy (``bypasses_csp``, set by ``Pages.new``) loads it as a script from a small
    server of this process, which the browser context caches; the element is removed once the script
    ran. A page that keeps the CSP (the journeys that record CSP violations) would refuse that script:
    it gets the source through the DevTools protocol, which the CSP does not govern.
    """
    if page.evaluate("() => typeof window.axe === 'object'"):
        return
    if getattr(page.context, "bypasses_csp", False):
        page.evaluate(AXE_LOAD, _axe_url())
    else:
        page.evaluate(_axe_source() + "\n;0")  # an expression, not a function: Playwright evaluates it as is


def axe_check(page, journey: str) -> dict:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; fail on any serious or critical violation.

    The counts of every visited page are collected for the end-of-run report; the failure message names
    the rule and the CSS targets only (never the page's HTML, which may hold personal data).
    """
    # A click on a link returns once the next document is committed, not loaded: axe run on a document
    # still being parsed fails (``document.documentElement`` is null) or checks half a page.
    page.wait_for_load_state("load")
    axe_inject(page)
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return {
                passes: r.passes.length,
                violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))})),
            };
        }""",
        AXE_TAGS,
    )
    counts = Counter(v["impact"] for v in result["violations"])
    path = urlparse(page.url).path
    entry = {
        "journey": journey,
        "path": path,
        "counts": {impact: counts.get(impact, 0) for impact in IMPACTS},
        "passes": result["passes"],
        "violations": [{k: v[k] for k in ("id", "impact", "help", "targets")} for v in result["violations"]],
    }
    AXE_REPORT.append(entry)
    c = entry["counts"]
    print(f"axe {path}: critical={c['critical']} serious={c['serious']} moderate={c['moderate']} minor={c['minor']}")
    entry["known_upstream"] = sorted({why for v in result["violations"] if (why := _known_upstream(v, path))})
    for why in entry["known_upstream"]:
        print(f"axe {path}: bekend probleem buiten dit project: {why}")
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING and not _known_upstream(v, path)]
    assert not blocking, f"axe-core op {path}: " + "; ".join(
        f"{v['impact']} {v['id']} ({v['help']}) bij {v['targets']}" for v in blocking
    )
    return entry


def login(page, user, next_url: str = "/werk/", journey: str = "inloggen", check: bool = False) -> None:
    """Log in as a person does: username and password, then the code the authenticator app shows now."""
    device = totp_device(user)
    page.goto(f"/inloggen/?next={next_url}")
    if check:
        axe_check(page, journey)
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url("**/inloggen/code/**")
    if check:
        axe_check(page, journey)
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"**{next_url}")


def login_by_session(page, base_url: str, user) -> None:
    """For a walk whose subject is not the login (the 320-px walk logs in once per role): the browser
    gets the cookie of a session that passed password and code (``tests.helpers.verified_client``),
    as it would after ``login``. Every other journey walks the two real steps."""
    cookie = verified_client(user).cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def visit(page, path: str, journey: str):
    """Go to ``path``, check it answered 200 and passes axe."""
    response = page.goto(path)
    assert response is not None, f"{path} gaf geen antwoord"
    assert response.status == 200, f"{path} gaf {response.status}"
    axe_check(page, journey)
    return response


FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const label = el.labels && el.labels.length ? el.labels[0].innerText.trim() : '';
    return {tag: el.tagName.toLowerCase(), type: (el.type || '').toLowerCase(), name: el.name || '',
            value: el.value || '', checked: !!el.checked, label: label, text: (el.innerText || '').trim()};
}"""


def keyboard_fill_form(page, values: dict[str, str], submit: str, max_tabs: int = 400) -> None:
    """Complete a form with the keyboard alone: Tab through the page from the top, type into the named
    fields, choose radio buttons with the arrow keys, tick checkboxes (by label) with Space, and press
    Enter on the submit button. Fails when a field or the button cannot be reached by keyboard."""
    page.locator("body").evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.keyboard.press("Tab")
    done: set[str] = set()
    for _ in range(max_tabs):
        el = page.evaluate(FOCUSED)
        if el is None:
            page.keyboard.press("Tab")
            continue
        name = el["name"]
        for key in values:  # "label:<start of the label>" names a field by what the user reads
            if key.startswith("label:") and el["label"].startswith(key[len("label:") :]):
                name = key
        if el["tag"] == "button" and el["text"] == submit:
            missing = set(values) - done
            assert not missing, f"niet met het toetsenbord bereikt: {sorted(missing)}"
            page.keyboard.press("Enter")
            return
        if name in values and name not in done:
            wanted = values[name]
            if el["type"] == "radio":
                for _step in range(20):
                    el = page.evaluate(FOCUSED)
                    if el["value"] == wanted:
                        page.keyboard.press("Space")
                        break
                    page.keyboard.press("ArrowDown")
                done.add(name)
            elif el["type"] == "checkbox":
                wanted_labels = [wanted] if isinstance(wanted, str) else list(wanted)
                if el["label"] in wanted_labels and not el["checked"]:
                    page.keyboard.press("Space")
                    if el["label"] == wanted_labels[-1]:
                        done.add(name)
            else:  # text, date (typed as the browser shows it) and select (typed ahead by option text)
                page.keyboard.type(wanted)
                done.add(name)
        page.keyboard.press("Tab")
    raise AssertionError(f"knop {submit!r} niet met Tab bereikt")
