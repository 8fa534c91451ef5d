"""The one list mechanism (core/lists.py, issue 14 item 2): whitelisted filters and sort keys,
Dutch messages and the default list for bad input, pages, accessible sort headers, and URLs that
carry only the list's own keys (never a name: issue 13 item 11)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.lists import ListFilter, ListSpec, SortKey, choice_filter, due_filter
from parties.models import Party, PartyRole

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 10)


def spec(per_page: int = 5) -> ListSpec:
    return ListSpec(
        filters=(
            ListFilter(
                "toon",
                "Toon",
                (("alle", "Alle"), ("kern", "Kernpartijen")),
                "alle",
                lambda qs, v: qs if v == "alle" else qs.filter(role=PartyRole.KERNPARTIJ),
                as_links=True,
            ),
            choice_filter("rol", "Rol", PartyRole.choices, lambda qs, v: qs.filter(role=v)),
            due_filter("joined_on", TODAY),
        ),
        sorts=(SortKey("naam", "Naam", ("name",)), SortKey("rol", "Rol", ("role", "name"))),
        default_sort="naam",
        per_page=per_page,
    )


def names(state) -> list[str]:
    return [p.name for p in state.objects]


def test_issue_14_2_default_list_sorted_and_paged():
    """Issue 14."""
    parties = Party.objects.all()
    state = spec().apply({}, parties)
    assert state.errors == []
    assert state.total == parties.count()
    assert state.page == 1
    assert names(state) == list(parties.order_by("name").values_list("name", flat=True)[:5])
    assert state.num_pages == -(-parties.count() // 5)
    assert state.query() == "?"
    assert state.querystring == ""
    assert state.is_default


def test_issue_14_2_filter_and_sort_descending():
    """Issue 14."""
    state = spec(per_page=100).apply({"rol": "kernpartij", "sortering": "-naam"}, Party.objects.all())
    expected = list(Party.objects.filter(role="kernpartij").order_by("-name").values_list("name", flat=True))
    assert names(state) == expected
    assert not state.errors
    assert state.params() == {"rol": "kernpartij", "sortering": "-naam"}


@pytest.mark.parametrize(
    "params",
    [
        {"rol": "<script>"},
        {"toon": "iedereen"},
        {"termijn": "gisteren"},
        {"sortering": "password"},
        {"sortering": "-subject__surname"},
        {"pagina": "abc"},
        {"pagina": "0"},
        {"pagina": "-3"},
        {"pagina": "1e9"},
    ],
)
def test_issue_14_2_bad_input_gives_a_dutch_message_and_the_default_list(params):
    """Issue 14."""
    default = spec().apply({}, Party.objects.all())
    state = spec().apply(params, Party.objects.all())
    assert names(state) == names(default)
    assert len(state.errors) == 1
    assert state.errors[0].endswith(".")
    assert any(word in state.errors[0] for word in ("niet geldig", "niet worden gesorteerd", "paginanummer"))


def test_issue_14_2_page_beyond_the_end_shows_the_last_page():
    """Issue 14."""
    total = Party.objects.count()
    state = spec().apply({"pagina": "999"}, Party.objects.all())
    assert state.page == state.num_pages
    assert "de laatste" in state.errors[0]
    assert state.last_index == total
    assert state.has_previous
    assert not state.has_next


def test_art_15_1_list_urls_keep_only_the_lists_own_keys():
    """Issue 14."""
    state = spec().apply({"rol": "kernpartij", "naam": "Jan de Vries", "bsn": "123456782"}, Party.objects.all())
    for url in (state.query(), state.next_url, *(c.url for c in state.columns([("naam", "Naam")]))):
        assert "Vries" not in url
        assert "bsn" not in url
        assert "naam=" not in url
    assert state.next_url == "?rol=kernpartij&pagina=2"
    assert ("sortering", "-naam") not in state.hidden_fields


def test_issue_14_2_sort_headers_carry_aria_sort_and_link_to_the_other_direction():
    """Issue 14."""
    state = spec().apply({"sortering": "rol"}, Party.objects.all())
    name, role, plain = state.columns([("naam", "Naam"), ("rol", "Rol"), ("x", "Iets")])
    assert role.aria_sort == "ascending"
    assert role.url == "?sortering=-rol"
    assert "aflopend" in role.next_label
    assert name.aria_sort == "none"
    assert name.url == "?"
    assert "oplopend" in name.next_label
    assert not plain.sortable
    assert plain.url == ""
    descending = spec().apply({"sortering": "-rol"}, Party.objects.all())
    assert descending.columns([("rol", "Rol")])[0].aria_sort == "descending"


def test_issue_14_2_filters_as_links_and_selects():
    """Issue 14."""
    state = spec().apply({"toon": "kern"}, Party.objects.all())
    toon, rol, termijn = state.filters
    assert toon.as_links
    assert [o.url for o in toon.options] == ["?", "?toon=kern"]
    assert [o.selected for o in toon.options] == [False, True]
    assert not rol.as_links
    assert rol.options[0].label == "Alle"
    assert [o.value for o in termijn.options] == ["alle", "te-laat", "deze-week"]


def test_issue_14_2_due_filter_overdue_and_this_week():
    """Issue 14."""
    Party.objects.update(joined_on=datetime.date(2019, 3, 1))
    soon, late = Party.objects.order_by("pk")[:2]
    Party.objects.filter(pk=soon.pk).update(joined_on=TODAY + datetime.timedelta(days=6))
    Party.objects.filter(pk=late.pk).update(joined_on=TODAY - datetime.timedelta(days=1))
    week = spec().apply({"termijn": "deze-week"}, Party.objects.all())
    assert names(week) == [soon.name]
    overdue = spec(per_page=1000).apply({"termijn": "te-laat"}, Party.objects.all())
    assert late.name in names(overdue)
    assert soon.name not in names(overdue)


def test_issue_14_2_two_queries_whatever_the_size():
    """Issue 14."""
    with CaptureQueriesContext(connection) as queries:
        spec().apply({"rol": "kernpartij", "pagina": "2"}, Party.objects.all())
    assert len(queries.captured_queries) == 2  # one count, one page
