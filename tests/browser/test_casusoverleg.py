"""The casusoverleg in a real browser (art. 9, 10.5): a plan with two measures is adopted and reviewed,
closure is advised and a kernpartij closes it; an externe casuspartner sees only the plan of their case.

The case arrives as the weegploeg journey (test_weegploeg.py) leaves it: agendered with the Raad voor de
Kinderbescherming involved (set up here through the services, to keep browser time down)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from casusoverleg.models import CasusStatus, PlanVersion
from tests.browser.journey import axe_check, login, site_setup, visit
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda, deelnemer, partner
from tests.factories import PartyFactory
from tests.weegploeg.fixtures import confirmer, referentiekader_publish, weegploeglid

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNEY = "casusoverleg"
MEASURES = [
    ("Wekelijks gesprek met de jongerenwerker", "b", GENNEP),
    ("Raadsonderzoek naar de opvoedsituatie", "e", RVDK),
]


def _iso(days: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _open_task_from_inbox(page, number: str) -> None:
    visit(page, "/werk/casussen/", JOURNEY)
    page.locator(f"table a[href*='/werk/casussen/taak/']:text-is('{number}')").first.click()
    axe_check(page, JOURNEY)


def test_art_9_plan_with_two_measures_adopted_reviewed_closure_advised_and_closed_by_a_kernpartij(pages):
    from playwright.sync_api import expect  # imported here: collected without Playwright too

    site_setup()
    referentiekader_publish()
    casus = agenda(involved=[RVDK])
    gennep, rvdk, om = deelnemer(GENNEP), deelnemer(RVDK), weegploeglid("Het Openbaar Ministerie")
    heerlen = confirmer("De gemeente Heerlen")

    # Gennep writes the concept: aim and two measures, then adopts it in the casusoverleg
    gp = pages.new()
    login(gp, gennep, next_url="/werk/casussen/", journey=JOURNEY)
    axe_check(gp, JOURNEY)
    assert "Vries" not in gp.locator("main").inner_text()  # lists: number and initials only
    visit(gp, f"/werk/casussen/{casus.number}/plan/concept/", JOURNEY)
    gp.get_by_role("button", name="Concept starten").click()
    axe_check(gp, JOURNEY)
    assert gp.locator("ol.steps [aria-current='step']").inner_text().startswith("1.")  # progress indicator
    gp.get_by_label("Doel van het plan van aanpak").fill("Deradicalisering en zorg voor het gezin")
    gp.get_by_role("button", name="Doel opslaan").click()
    for description, goal, party_name in MEASURES:
        gp.locator("[name='maatregel-description']").fill(description)
        gp.get_by_label("Doel uit artikel 3").select_option(goal)
        gp.get_by_label("Verantwoordelijke partij").select_option(label=party_name)
        gp.get_by_label("Uiterlijk gereed op").fill(_iso(60))
        gp.get_by_role("button", name="Maatregel toevoegen").click()
        expect(gp.locator("main")).to_contain_text(description, use_inner_text=True)  # waits for the next document
    gp.get_by_role("link", name="Naar vaststellen in het casusoverleg").click()
    axe_check(gp, JOURNEY)
    assert gp.locator("ol.steps [aria-current='step']").inner_text().startswith("2.")
    gp.get_by_label("Datum van het casusoverleg").fill(_iso())
    gp.get_by_label(GENNEP, exact=True).check()
    gp.get_by_label(RVDK, exact=True).check()
    gp.get_by_role("button", name="Plan vaststellen").click()
    gp.wait_for_load_state()
    casus.refresh_from_db()
    assert casus.status == CasusStatus.IN_UITVOERING
    plan = PlanVersion.objects.get(file=casus, adopted_at__isnull=False)
    assert plan.measures.count() == 2
    visit(gp, f"/werk/casussen/{casus.number}/plan/", JOURNEY)

    # the Raad voor de Kinderbescherming holds the progress review and advises closure
    rk = pages.new()
    login(rk, rvdk, next_url="/werk/casussen/", journey=JOURNEY)
    _open_task_from_inbox(rk, casus.number)
    rk.get_by_label("Datum van de voortgangsbespreking").fill(_iso())
    rk.get_by_label("Verslag van de voortgang").fill("Beide maatregelen zijn uitgevoerd.")
    for measure in plan.measures.all():
        rk.locator(f"select[name='s_{measure.pk}']").select_option("gereed")
    rk.get_by_label("Het casusoverleg adviseert de kernpartijen het plan af te sluiten").check()
    rk.get_by_label("Reden voor het advies tot afsluiting").fill("Doelen bereikt")
    rk.get_by_role("button", name="Vastleggen en afronden").click()
    rk.wait_for_load_state()
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFSLUITING_GEADVISEERD

    # a kernpartij (the OM) decides to close
    kp = pages.new()
    login(kp, om, next_url="/werk/casussen/", journey=JOURNEY)
    _open_task_from_inbox(kp, casus.number)
    assert "Doelen bereikt" in kp.locator("main").inner_text()
    assert "Vries" not in kp.locator("main").inner_text()
    kp.get_by_label("Het plan van aanpak afsluiten").check()
    kp.locator("input[name='decided_on']").fill(_iso())
    kp.locator("textarea[name='motivation']").fill("Plan geslaagd.")
    kp.get_by_label("Voorleggen ter bevestiging", exact=False).check()  # art. 9.4: four eyes
    # confirmation before the irreversible closure: the final button shows only after a deliberate step
    confirm = kp.get_by_role("button", name="Ja, besluit definitief vastleggen")
    assert not confirm.is_visible()
    kp.locator("details.confirm > summary").focus()
    kp.keyboard.press("Enter")
    expect(confirm).to_be_visible()
    assert "kan niet ongedaan worden gemaakt" in kp.locator("details.confirm").inner_text()
    axe_check(kp, JOURNEY)
    confirm.click()
    kp.wait_for_load_state()
    assert "Besluit wacht op bevestiging" in kp.locator("main").inner_text()
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFSLUITING_GEADVISEERD  # a proposal changes nothing yet

    # a second person of another kernpartij (Heerlen) logs in and confirms (issue 13 item 8)
    hl = pages.new()
    login(hl, heerlen, next_url="/werk/overleggen/besluiten/", journey=JOURNEY)
    axe_check(hl, JOURNEY)
    hl.get_by_role("link", name=f"Dossier {casus.number}").click()
    axe_check(hl, JOURNEY)
    assert "Plan geslaagd." in hl.locator("main").inner_text()
    hl.locator("details.confirm > summary").click()
    hl.get_by_role("button", name="Ja, besluit bevestigen").click()
    hl.wait_for_url("**/werk/overleggen/besluiten/")
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFGESLOTEN
    assert casus.closed_on == timezone.localdate()
    visit(gp, f"/werk/casussen/{casus.number}/", JOURNEY)
    assert "afgesloten op" in gp.locator("main").inner_text()


def test_art_10_5_externe_casuspartner_sees_only_the_plan_of_their_case(pages):
    site_setup()
    referentiekader_publish()
    stichting = PartyFactory(name="Stichting Jeugdzorg Zuid")
    theirs = agenda(involved=[RVDK])
    other = agenda(involved=[RVDK], surname="Jansen", bsn="")
    outsider = partner(stichting)
    _involve_partner(theirs, stichting)

    page = pages.new()
    login(page, outsider, next_url="/werk/casussen/", journey="externe casuspartner")
    axe_check(page, "externe casuspartner")
    listing = page.locator("main").inner_text()
    assert theirs.number in listing
    assert other.number not in listing
    page.get_by_role("link", name=theirs.number).first.click()
    page.wait_for_url(f"**/werk/casussen/{theirs.number}/plan/")
    axe_check(page, "externe casuspartner")
    assert "Jeugdhulptraject" in page.locator("main").inner_text()
    assert "Vries" not in page.locator("main").inner_text()  # no disclosure of the subject was registered
    for forbidden in (f"/werk/casussen/{theirs.number}/", f"/werk/casussen/{other.number}/plan/"):
        response = page.goto(forbidden)
        assert response.status in (403, 404), forbidden
        assert page.get_by_role("heading", level=1).inner_text() in ("Geen toegang", "Pagina niet gevonden")


def _involve_partner(casus, stichting) -> None:
    """The casusoverleg adds the partner as participant and adopts a plan with a measure for it (art. 9.2)."""
    from tests.casusoverleg.test_screens import adopt, write_plan
    from tests.helpers import verified_client

    client = verified_client(deelnemer(GENNEP))
    response = client.post(
        f"/werk/casussen/{casus.number}/deelnemers/nieuw/", {"party": stichting.pk, "reason": "Jeugdhulp"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    write_plan(client, casus, measures=[("Jeugdhulptraject", "e", GENNEP)])
    assert adopt(client, casus).status_code == 302
