"""WCAG 1.4.10 (reflow), issue 14: every /werk/ page at 320 CSS pixels wide scrolls only vertically —
``document.documentElement.scrollWidth <= innerWidth`` — as a user who may open it. Wide tables
scroll inside their own labelled, focusable container; long Dutch words wrap. The same walk runs
axe-core on every page (issue 14: no serious or critical violation on any /werk/ page).

The pages come from the same introspection, TABLE and world of real objects as the access walk
(tests/access/test_screen_walk.py). Also makes the README's screenshots of the start page and the
weegploeg inbox (docs/screenshots/).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.access.test_screen_walk import TABLE, _kwargs
from tests.access.urls import work_patterns
from tests.access.world import user_for, world_build
from tests.browser.journey import axe_check, login, login_by_session

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.presentation]

JOURNEY = "reflow-320"
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
OVERFLOW = "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
# Which elements stick out (for the failure message): tag, class and width, innermost first.
WIDEST = """() => Array.from(document.querySelectorAll('main *, header *'))
    .filter(el => el.getBoundingClientRect().right > innerWidth + 1 && !el.closest('.table-scroll > *'))
    .filter(el => !Array.from(el.children).some(c => c.getBoundingClientRect().right > innerWidth + 1))
    .slice(0, 3).map(el => `${el.tagName.toLowerCase()}.${el.className}`)"""


def _pages_by_role() -> dict[str, list[str]]:
    refs = world_build().refs
    by_role: dict[str, list[str]] = {}
    for pattern in work_patterns():
        if "GET" not in pattern.screen.methods or pattern.name not in TABLE:
            continue
        spec, allowed, _refused = TABLE[pattern.name]
        by_role.setdefault(allowed, []).append(reverse(pattern.name, kwargs=_kwargs(spec, refs)))
    return by_role


def _opens_as_html_page(page, path: str) -> bool:
    """Open ``path`` in the page; true when it answered 200 with HTML itself (no redirect, no download)."""
    from playwright.sync_api import Error as PlaywrightError  # imported here: collected without Playwright too

    try:
        response = page.goto(path)
    except PlaywrightError as exc:
        if "Download is starting" in str(exc):
            return False
        raise
    return (
        response is not None
        and response.status == 200
        and response.request.redirected_from is None
        and response.headers.get("content-type", "").startswith("text/html")
    )


def test_wcag_1_4_10_every_work_page_reflows_at_320_px_and_passes_axe(pages):
    by_role = _pages_by_role()
    problems: list[str] = []
    checked = 0
    for who, paths in by_role.items():
        page = pages.new()
        login_by_session(page, pages.base_url, user_for(who))
        page.set_viewport_size({"width": 320, "height": 800})
        for path in paths:
            if not _opens_as_html_page(page, path):
                continue  # a PDF or CSV export, or a screen that redirects
            size = page.evaluate(OVERFLOW)
            axe_check(page, JOURNEY)
            checked += 1
            if size["scroll"] > size["inner"]:
                wide = ", ".join(page.evaluate(WIDEST))
                problems.append(f"{path} ({who}): {size['scroll']} px breed bij {size['inner']} px ({wide})")
    assert checked > 35
    assert problems == [], "\n".join(problems)


def test_issue_14_1_the_readme_screenshots_of_the_start_page_and_the_inbox(pages):
    from viewflow.workflow.models import Task

    from core import tasks as task_lifecycle

    refs = world_build().refs
    lid = user_for("weegploeglid")
    task_lifecycle.task_claim(Task.objects.get(pk=refs["weegploeg_task"]), lid)  # "Mijn taken" shows one
    page = pages.new()
    login(page, lid, journey=JOURNEY)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto("/werk/")
    assert page.get_by_role("heading", name="Vandaag", level=1).is_visible()
    assert page.get_by_role("heading", name="Mijn taken").is_visible()
    assert page.get_by_role("link", name="Analyse met het referentiekader").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "startpagina.png"), full_page=True)
    page.goto("/werk/weegploeg/")
    assert page.get_by_role("navigation", name="Kruimelpad").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "werkbak-weegploeg.png"), full_page=True)
    assert (SCREENSHOTS / "startpagina.png").stat().st_size > 10_000
