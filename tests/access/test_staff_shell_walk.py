"""Issue 14: every /werk/ page, opened by a user who may see it, is in the staff shell and speaks
Dutch — no English UI word (Dashboard, Inbox, Queue, Archive, Start, Assign, True, False) in the
text a user reads (attributes and scripts aside), and a breadcrumb trail on every page.

The URLs come from the same introspection and TABLE as the access walk (tests/access/
test_screen_walk.py), with the same world of real objects.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.access.test_screen_walk import SESSION, TABLE, _kwargs, session_plant
from tests.access.urls import work_patterns
from tests.access.world import user_for, world_build
from tests.helpers import verified_client

pytestmark = pytest.mark.django_db

ENGLISH = ("Dashboard", "Inbox", "Queue", "Archive", "Start", "Assign", "True", "False")
ENGLISH_WORD = re.compile(r"\b(" + "|".join(ENGLISH + tuple(w.upper() for w in ENGLISH)) + r")\b")
SHELL = 'aria-label="Werkomgeving"'
CRUMBS = 'aria-label="Kruimelpad"'


class _VisibleText(HTMLParser):
    """The text a user reads: element content outside <script>, <style> and <template>."""

    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def english_words(html: str) -> list[str]:
    return sorted(set(ENGLISH_WORD.findall(visible_text(html))))


def test_issue_14_7_the_english_word_check_reads_text_only():
    html = '<p title="Start">Actief: True</p><script>var x = "Inbox";</script><input value="False"><p>Startpagina</p>'
    assert english_words(html) == ["True"]
    assert english_words("<button>START AND CONTINUE</button>") == ["START"]


def _pages():
    """(url name, path, who) for every GET screen under /werk/ of the TABLE."""
    refs = world_build().refs
    pages = []
    for pattern in work_patterns():
        if "GET" not in pattern.screen.methods or pattern.name not in TABLE:
            continue
        spec, allowed, _refused = TABLE[pattern.name]
        kwargs = _kwargs(spec, refs)
        plant = SESSION[pattern.name](refs, kwargs) if pattern.name in SESSION else None
        pages.append((pattern.name, reverse(pattern.name, kwargs=kwargs), allowed, plant))
    return pages


def test_issue_14_1_every_work_page_is_in_the_staff_shell_in_dutch_with_breadcrumbs():
    """Issue 14."""
    pages = _pages()
    assert len(pages) > 40
    clients: dict[str, object] = {}
    problems: list[str] = []
    checked = 0
    for _name, path, who, plant in pages:
        if who not in clients:
            clients[who] = verified_client(user_for(who))
            clients[who].raise_request_exception = False  # a 500 is a finding like any other
        client = clients[who]
        if plant is not None:  # issue 14.6: the receipt's key lives in the melder's own session
            session_plant(client, plant(user_for(who)))
        response = client.get(path)
        if response.status_code >= 400:
            problems.append(f"{path}: {response.status_code}")
            continue
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue  # a redirect after a lifecycle step, a PDF or a CSV export
        checked += 1
        html = response.content.decode()
        if SHELL not in html:
            problems.append(f"{path}: zonder de werkomgeving (staff shell)")
        if CRUMBS not in html:
            problems.append(f"{path}: zonder kruimelpad")
        if words := english_words(html):
            problems.append(f"{path}: Engelse woorden {words}")
    assert checked > 35
    assert problems == []


def test_issue_14_1_the_favicon_is_shipped_and_linked():
    """Issue 14."""
    assert finders.find("favicon.svg")
    user = user_for("melder")
    html = verified_client(user).get("/werk/").content.decode()
    assert 'rel="icon"' in html
    assert "favicon.svg" in html


INTERNAL_NAMES = re.compile(r"\b(weegploeg_file|casusoverleg_file|rights_request)\b")


def test_art_15_2e_the_access_log_names_what_was_seen_in_dutch_not_by_internal_name():
    refs = world_build().refs
    verified_client(user_for("weegploeglid")).get(
        reverse("weegploeg:file", kwargs={"number": refs["weegploeg_number"]})
    )
    verified_client(user_for("uitvoerder")).get(reverse("rights:detail", kwargs={"number": refs["request_number"]}))
    reviewer = verified_client(user_for("uitvoerder"))
    html = reviewer.get("/werk/toegangslog/").content.decode()
    text = visible_text(html)
    assert '<option value="weegploeg_file">Weegploegdossier</option>' in html  # filter by the Dutch name
    only_files = reviewer.get("/werk/toegangslog/?object_type=weegploeg_file")
    assert only_files.status_code == 200
    assert {entry.object_type for entry in only_files.context["page"].object_list} == {"weegploeg_file"}
    assert "Weegploegdossier" in text
    assert "Verzoek inzage of correctie" in text
    assert not INTERNAL_NAMES.findall(text)
    assert 'class="table-scroll" role="region" aria-label="Regels van het toegangslog" tabindex="0"' in html
