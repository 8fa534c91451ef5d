"""Issue 14 item 4: task pages that read top-down — the signal and the file's history before the
form, compact criterion groups (fieldset/legend), and a re-analysis that starts from the previous
analysis (art. 7.3-7.4). Item 1: the start page's stage counts open the filtered lists."""

from __future__ import annotations

import re

import pytest

from tests.factories import party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import melder, register, uitvoerder, weegploeglid
from tests.weegploeg.test_screens import analysis_post, task_url
from weegploeg.models import AnalysisNext
from weegploeg.selectors import analysis_initial_for, analysis_latest_for

pytestmark = pytest.mark.django_db

# An option of a compact group: the radio button and its label side by side in one span.
OPTION = r'<span class="choice"><input type="radio"[^>]*id="([^"]+)"[^>]*> <label for="([^"]+)"'
OBSERVATION = "Deelt filmpjes die aanslagen verheerlijken."  # tests.weegploeg.fixtures.register


def _positions(html: str, *needles: str) -> list[int]:
    found = [html.find(needle) for needle in needles]
    assert -1 not in found, dict(zip(needles, found, strict=True))
    return found


def test_art_7_3_analysis_page_shows_the_signal_and_history_before_the_form(published_referentiekader):
    file = register(melder())
    html = verified_client(weegploeglid()).get(task_url(file, "analyse")).content.decode()
    signal, observation, history, form_heading, form = _positions(
        html, 'id="kop-signalen"', OBSERVATION, 'id="kop-historie"', 'id="kop-taak"', 'name="summary"'
    )
    assert signal < observation < form_heading < form
    assert history < form_heading
    # the layout that puts them side by side on wide screens, and a way to jump to the form
    assert 'class="task-layout"' in html
    assert 'href="#kop-taak"' in html


def test_art_7_3_each_criterion_is_a_fieldset_with_legend_and_inline_options(published_referentiekader):
    file = register(melder())
    html = verified_client(weegploeglid()).get(task_url(file, "analyse")).content.decode()
    groups = re.findall(r'<fieldset class="criterion[^"]*"[^>]*>\s*<legend>(.*?)</legend>(.*?)</fieldset>', html, re.S)
    assert [legend.split(" <span")[0] for legend, _ in groups] == [
        "ID-1. Uitingen die geweld rechtvaardigen",
        "ID-2. Breuk met de sociale omgeving",
        "RE-1. Voorbereiding van een uitreis",
    ]
    for _legend, body in groups:
        options = re.findall(OPTION, body)
        assert len(options) == 3
        assert all(input_id == label_for for input_id, label_for in options)


def test_art_7_3_a_first_analysis_starts_empty(published_referentiekader):
    file = register(melder())
    assert analysis_latest_for(file) is None
    assert analysis_initial_for(file) == {}
    response = verified_client(weegploeglid()).get(task_url(file, "analyse"))
    assert response.context["form"].initial == {}
    assert "checked" not in re.sub(r"<form[^>]*inline.*?</form>", "", response.content.decode(), flags=re.S)


def test_art_7_4_re_analysis_after_meer_informatie_starts_from_the_previous_answers(published_referentiekader):
    file = register(melder())
    lid = verified_client(weegploeglid("De politie"))
    om = party("Het Openbaar Ministerie")
    first = analysis_post(
        "meer_informatie",
        info_party=om.pk,
        info_question="Strafblad?",
        **{"c_ID-2": "van_toepassing", "n_ID-2": "Contact met familie verbroken", "summary": "Eerste oordeel."},
    )
    assert lid.post(task_url(file, "analyse"), first).status_code == 302
    om_client = verified_client(weegploeglid("Het Openbaar Ministerie"))
    assert om_client.post(task_url(file, "supply_information"), {"answer": "Geen antecedenten."}).status_code == 302

    previous = analysis_latest_for(file)
    assert previous.next_step == AnalysisNext.MEER_INFORMATIE
    response = lid.get(task_url(file, "analyse"))
    assert response.status_code == 200
    initial = response.context["form"].initial
    expected = {"summary": previous.summary}
    for item in previous.items.all():
        expected[f"c_{item.criterion_code}"] = item.answer
        expected[f"n_{item.criterion_code}"] = item.note
    assert initial == expected
    assert initial["c_ID-1"] == "van_toepassing"
    assert initial["n_ID-2"] == "Contact met familie verbroken"
    assert "next_step" not in initial  # the next step is chosen anew
    html = response.content.decode()
    assert re.search(r'name="c_ID-2" value="van_toepassing"[^>]*checked', html)
    assert re.search(r'name="c_RE-1" value="niet_van_toepassing"[^>]*checked', html)
    assert "Eerste oordeel." in html[html.find('id="kop-taak"') :]
    assert "begint met de antwoorden van de vorige analyse" in html

    # what is posted is what counts: the second analysis is stored as sent
    second = analysis_post(**{"c_ID-2": "onbekend", "summary": "Tweede oordeel."})
    assert lid.post(task_url(file, "analyse"), second).status_code == 302
    latest = analysis_latest_for(file)
    assert latest.pk != previous.pk
    assert latest.summary == "Tweede oordeel."
    assert latest.items.get(criterion_code="ID-2").answer == "onbekend"


def test_art_7_start_page_stage_counts_link_to_the_filtered_inbox(published_referentiekader):
    file = register(melder())
    lid = verified_client(weegploeglid())
    start = lid.get("/werk/").content.decode()
    assert 'href="/werk/weegploeg/?fase=analyse"' in start
    assert 'href="/werk/weegploeg/?fase=decide"' in start
    assert file.number in lid.get("/werk/weegploeg/?fase=analyse").content.decode()
    assert file.number not in lid.get("/werk/weegploeg/?fase=decide").content.decode()


def test_art_7_every_stage_count_opens_its_list_with_that_stage_selected():
    """The uitvoerder sees every group (weegploeg, casusoverleg, rights, incidents): each count's
    link opens its list with the stage chosen in the "fase" filter — never a refused value."""
    from flows.start_page import stage_counts

    boss = uitvoerder()
    client = verified_client(boss)
    stages = [stage for group in stage_counts(boss) for stage in group.stages]
    assert len(stages) >= 12
    for stage in stages:
        _path, _, query = stage.url.partition("?")
        assert query.startswith("fase="), stage.url
        value = query.removeprefix("fase=")
        html = client.get(stage.url).content.decode()
        assert f'<option value="{value}" selected>' in html, stage.url
        assert "list-errors" not in html, stage.url
