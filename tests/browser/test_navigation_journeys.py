"""Issue 14 ("How we will check it"): per role, a journey that starts at the start page "Vandaag"
after logging in and reaches the role's main task screens by clicking navigation links and list
rows only — no typed URL after the login. axe-core runs on every page visited (no serious or
critical violation), and every click must answer 200.

The world of real objects is the access walk's (tests/access/world.py): one weegploeg file in
analysis, a casus with an adopted plan, a rights request, an incident, a rights review.
"""

from __future__ import annotations

import pytest

from authorisations.models import RightsReview
from casusoverleg.models import CasusStatus
from tests.access.world import user_for, world_build
from tests.browser.journey import RESULTS, axe_check, login
from tests.weegploeg.fixtures import referentiekader_publish
from weegploeg.models import FileStatus

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.presentation]

NAV = "Werkomgeving"  # the staff shell's navigation (templates/base.html)
BEFORE = "([a, b]) => !!(document.getElementById(a).compareDocumentPosition(document.getElementById(b)) & 4)"


class Journey:
    """One user's walk: starts at "Vandaag" after logging in, then only clicks."""

    def __init__(self, pages, user, name: str):
        self.name = name
        self.page = pages.new()
        login(self.page, user, next_url="/werk/", journey=name)
        assert self.page.get_by_role("heading", name="Vandaag", level=1).is_visible()
        self.visited = [self._path()]
        axe_check(self.page, name)

    def _path(self) -> str:
        return self.page.evaluate("() => location.pathname + location.search")

    def click(self, locator) -> Journey:
        with self.page.expect_navigation() as navigation:
            locator.first.click()
        response = navigation.value
        assert response is not None, f"{self._path()} gaf geen antwoord"
        assert response.status == 200, f"{self._path()} gaf {response.status}"
        self.visited.append(self._path())
        axe_check(self.page, self.name)
        return self

    def nav(self, label: str) -> Journey:
        return self.click(self.page.get_by_role("navigation", name=NAV).get_by_role("link", name=label, exact=True))

    def link(self, label: str, *, within: str = "main") -> Journey:
        return self.click(self.page.locator(within).get_by_role("link", name=label, exact=True))

    def row(self, text: str) -> Journey:
        """Open a list row: the link in the table that carries ``text`` (a number, a reference)."""
        return self.link(text, within="main table")

    def heading(self, name: str) -> None:
        assert self.page.get_by_role("heading", name=name, level=1).is_visible(), self.page.title()


def test_art_7_weegploeglid_reaches_the_analysis_through_the_stage_count_and_the_inbox(pages):
    refs = world_build().refs
    referentiekader_publish()
    number = refs["weegploeg_number"]
    walk = Journey(pages, user_for("weegploeglid"), "navigatie-weegploeglid")
    walk.link(FileStatus.IN_ANALYSE.label)  # the stage count on "Vandaag" opens the filtered inbox
    assert walk.visited[-1] == "/werk/weegploeg/?fase=analyse"
    walk.row(number)
    walk.heading(f"Analyse met het referentiekader: dossier {number}")
    # Issue 14.4: the signal and the history come before the form (beside it on this wide screen).
    assert walk.page.evaluate(BEFORE, ["kop-signalen", "kop-taak"])
    assert walk.page.evaluate(BEFORE, ["kop-historie", "kop-taak"])
    signals = walk.page.locator("#kop-signalen").bounding_box()
    form = walk.page.locator("#kop-taak").bounding_box()
    assert form["x"] > signals["x"] + signals["width"] / 2
    assert form["y"] < signals["y"] + 400
    legend = walk.page.locator("fieldset.criterion legend").first
    assert legend.is_visible()
    # each radio button sits on the same line as its label
    radio, label = walk.page.locator("fieldset.criterion .choice").first.locator("input, label").all()
    assert abs(radio.bounding_box()["y"] - label.bounding_box()["y"]) < 12
    RESULTS.mkdir(exist_ok=True)
    walk.page.screenshot(path=str(RESULTS / "analyse-taak-breed.png"), full_page=True)
    # stacked on a narrow screen (WCAG 1.4.10): the file first, nothing scrolls sideways
    walk.page.set_viewport_size({"width": 320, "height": 800})
    size = walk.page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: innerWidth})")
    assert size["scroll"] <= size["inner"], size
    assert walk.page.locator("#kop-taak").bounding_box()["y"] > walk.page.locator("#kop-historie").bounding_box()["y"]
    walk.page.set_viewport_size({"width": 1280, "height": 900})
    walk.nav("Werkbak weegploeg")
    walk.nav("Overleggen: agenda en aanwezigheid")
    assert walk.visited[-1].startswith("/werk/")


def test_art_5_uitvoerder_reaches_assignment_rights_requests_and_incidents(pages):
    refs = world_build().refs
    number, request = refs["weegploeg_number"], refs["request_number"]
    walk = Journey(pages, user_for("uitvoerder"), "navigatie-uitvoerder")
    walk.nav("Werkbak weegploeg")
    walk.row(number)
    walk.link("Toewijzen aan een collega")
    walk.heading("Taak toewijzen")
    walk.nav("Verzoeken inzage en correctie (art. 12)")
    walk.row(request)
    walk.nav("Incidenten- en datalekregister")
    walk.row(refs["incident"].reference)
    assert walk.visited[-1].startswith("/werk/incidenten/")


def test_art_9_casusoverleg_deelnemer_reaches_the_review_task_of_their_case(pages):
    refs = world_build().refs
    number = refs["casus_number"]
    walk = Journey(pages, user_for("deelnemer"), "navigatie-deelnemer")
    walk.link(CasusStatus.IN_UITVOERING.label)  # the stage count opens the filtered case list
    assert walk.visited[-1] == f"/werk/casussen/?fase={CasusStatus.IN_UITVOERING.value}"
    # the task rows above the case list: the progress review of this case
    walk.click(walk.page.locator("main tr", has_text="Voortgangsbespreking").get_by_role("link", name=number))
    walk.heading(f"Voortgangsbespreking: dossier {number}")
    assert walk.page.evaluate(BEFORE, ["kop-plan", "kop-taak"])
    walk.link("Naar het dossier")
    walk.heading(number)
    walk.link("Plan bekijken")
    assert walk.visited[-1] == f"/werk/casussen/{number}/plan/"


def test_art_7_1_melder_reaches_own_signals_addition_and_a_new_intake(pages):
    refs = world_build().refs
    number = refs["weegploeg_number"]
    walk = Journey(pages, user_for("eigen-melder"), "navigatie-melder")
    walk.nav("Mijn ingebrachte signalen")
    assert number in walk.page.locator("main table").inner_text()
    walk.link(f"Informatie toevoegen aan {number}")
    walk.nav("Signaal inbrengen bij de weegploeg")
    assert walk.page.get_by_label("Omschrijving van het signaal").is_visible()


def test_art_15_2e_functioneel_beheerder_reaches_the_rights_review_and_the_logs(pages):
    refs = world_build().refs
    review = RightsReview.objects.get(pk=refs["review"])
    walk = Journey(pages, user_for("beheerder"), "navigatie-beheerder")
    walk.nav("Periodieke rechtencontrole")
    walk.row(review.reference)
    assert walk.visited[-1] == f"/werk/autorisaties/controles/{review.pk}/"
    walk.nav("Autorisatielog")
    walk.nav("Toegangsmatrix: wie mag welk scherm openen")


def test_avg_37_privacy_officer_reaches_the_logs_and_registers_and_no_case_data(pages):
    """The FG (issue 17 item 5) reads the logs, the incident register and the register of processing
    through the navigation; no work list of case data is offered."""
    from accounts.roles import Role
    from tests.factories import UserFactory, party
    from tests.weegploeg.fixtures import accepted

    world_build()
    fg = accepted(UserFactory(roles=[Role.FUNCTIONARIS_GEGEVENSBESCHERMING], party=party("De gemeente Sittard-Geleen")))
    walk = Journey(pages, fg, "navigatie-fg")
    navigation = walk.page.get_by_role("navigation", name=NAV)
    for case_data in ("Werkbak weegploeg", "Werkbak casusoverleg", "Persoon zoeken in de dossiers"):
        assert navigation.get_by_role("link", name=case_data, exact=True).count() == 0, case_data
    walk.nav("Toegangslog en periodieke controle")
    walk.nav("Autorisatielog")
    walk.nav("Incidenten- en datalekregister")
    walk.nav("Verwerkingsregister (art. 30 AVG)")
    assert len(walk.visited) == 5
