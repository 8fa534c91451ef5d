"""Art. 9.1, 10.4, 10.5: every casusoverleg screen for every kind of user. Participants may,
other parties get 403 and never see the case in a list or search, the externe casuspartner sees
the plan only; every refusal is written to the access log (exactly one row). The search takes
its terms by POST (issue 13 item 11: never a name in a URL)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from accesslog.models import AccessLogEntry
from accounts.roles import Role
from casusoverleg.agendering import participant_add
from casusoverleg.plan import plan_adopt, plan_draft_update, plan_measure_add
from casusoverleg.registers import advice_request_record, person_add
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda, deelnemer, open_task, partner, uitvoerder
from tests.factories import PartyFactory, UserFactory, party
from tests.weegploeg.fixtures import accepted, weegploeglid

pytestmark = pytest.mark.django_db

FULL = {"deelnemer_gemeente", "deelnemer_casuspartij", "uitvoerder"}
PLAN = FULL | {"partner_in_case"}

# screen → (method, path template, who may use it)
SCREENS = {
    "dossier": ("get", "/werk/casussen/{n}/", FULL),
    "plan": ("get", "/werk/casussen/{n}/plan/", PLAN),
    "plan_versie": ("get", "/werk/casussen/{n}/plan/versie/1/", PLAN),
    "plan_pdf": ("get", "/werk/casussen/{n}/plan/pdf/", PLAN),
    "concept": ("get", "/werk/casussen/{n}/plan/concept/", FULL),
    "vaststellen": ("get", "/werk/casussen/{n}/plan/vaststellen/", FULL),
    "deelnemer": ("get", "/werk/casussen/{n}/deelnemers/nieuw/", FULL),
    "persoon": ("get", "/werk/casussen/{n}/personen/nieuw/", FULL),
    "inbreng": ("get", "/werk/casussen/{n}/inbreng/nieuw/", FULL),
    "advies": ("get", "/werk/casussen/{n}/advies/nieuw/", FULL),
    "advies_antwoord": ("get", "/werk/casussen/{n}/advies/{advice}/", FULL),
    "verstrekkingen": ("get", "/werk/casussen/{n}/verstrekkingen/", FULL),
    "termijn": ("post", "/werk/casussen/{n}/termijn/", FULL),
    "taak": ("get", "/werk/casussen/taak/{task}/", FULL),
    "oppakken": ("post", "/werk/casussen/taak/{task}/oppakken/", FULL),
    "vrijgeven": ("post", "/werk/casussen/taak/{task}/vrijgeven/", FULL),
}


def make_user(who: str, external_party):
    makers = {
        "deelnemer_gemeente": lambda: deelnemer(GENNEP),
        "deelnemer_casuspartij": lambda: deelnemer(RVDK),
        "uitvoerder": uitvoerder,
        "partner_in_case": lambda: partner(external_party),
        "deelnemer_andere_gemeente": lambda: deelnemer("De gemeente Venlo"),
        "deelnemer_reclassering": lambda: deelnemer("De Reclassering Nederland"),
        "partner_elders": lambda: partner(PartyFactory()),
        "weegploeglid": weegploeglid,
        "melder": lambda: accepted(UserFactory(roles=[Role.MELDER], party=party("De politie"))),
        "functioneel_beheerder": lambda: accepted(
            UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De gemeente Roermond"))
        ),
    }
    return makers[who]()


USERS = [
    "deelnemer_gemeente",
    "deelnemer_casuspartij",
    "uitvoerder",
    "partner_in_case",
    "deelnemer_andere_gemeente",
    "deelnemer_reclassering",
    "partner_elders",
    "weegploeglid",
    "melder",
    "functioneel_beheerder",
]
# Who has a work list at all (the rest get 403 on it too).
HAS_WORKLIST = FULL | {"partner_in_case", "deelnemer_andere_gemeente", "deelnemer_reclassering", "partner_elders"}
HAS_WORKLIST |= {"weegploeglid"}  # kernpartij representatives decide on closure (art. 9.4)


def case_with_plan():
    casus = agenda(involved=[RVDK])
    external = PartyFactory()
    by = deelnemer(GENNEP)
    participant_add(casus, by=by, party=external, reason="Nodig voor het plan")
    plan_draft_update(casus, by=by, aim="Doel van het plan")
    plan_measure_add(
        casus,
        by=by,
        description="Huisbezoek",
        goal="c",
        responsible_party=party(GENNEP),
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    from core import tasks as task_lifecycle

    task_lifecycle.task_complete(
        open_task(casus, "adopt_plan"),
        by,
        lambda: plan_adopt(casus, by=by, adopted_on=timezone.localdate(), present_parties=[party(GENNEP)]),
    )
    advice = advice_request_record(
        casus,
        by=by,
        recipient_kind="nctv",
        recipient_name="NCTV",
        question="Vraag",
        requested_on=timezone.localdate(),
        personal_data_shared=False,
    )
    return casus, external, advice


@pytest.mark.parametrize("who", USERS)
def test_art_10_4_casusoverleg_screens_by_party_and_role(who):
    casus, external, advice = case_with_plan()
    user = make_user(who, external)
    from tests.helpers import verified_client

    client = verified_client(user)
    task = open_task(casus, "review")
    failures = []
    for screen, (method, template, allowed) in SCREENS.items():
        before = AccessLogEntry.objects.filter(user_id=user.pk, allowed=False).count()
        path = template.format(n=casus.number, task=task.pk, advice=advice.pk)
        data = {"months": "3"} if screen == "termijn" else {}
        response = getattr(client, method)(path, data)
        denied = AccessLogEntry.objects.filter(user_id=user.pk, allowed=False).count() - before
        body = response.content.decode(errors="replace") if response["Content-Type"].startswith("text") else ""
        if who in allowed:
            ok = response.status_code in (200, 302) and denied == 0
        else:
            ok = response.status_code == 403 and denied == 1 and "Vries" not in body and "Huisbezoek" not in body
        if not ok:
            failures.append((screen, response.status_code, denied))
    # the work list and its search (by POST)
    listing = client.get("/werk/casussen/")
    search = client.post("/werk/casussen/", {"q": casus.number})
    by_name = client.post("/werk/casussen/", {"q": "Vries"})
    if who in HAS_WORKLIST:
        assert listing.status_code == search.status_code == by_name.status_code == 200
        sees = casus.number in listing.content.decode() and casus.number in search.content.decode()
        assert sees == (who in PLAN), who
        if who == "partner_in_case":
            assert casus.number not in by_name.content.decode()  # no search by name for the plan-only view
        elif who not in PLAN:
            assert casus.number not in by_name.content.decode()
    else:
        assert listing.status_code == search.status_code == by_name.status_code == 403
    assert failures == [], failures


def test_art_10_5_partner_plan_page_shows_no_signals_analysis_or_persons():
    casus, external, _ = case_with_plan()
    person_add(casus, by=deelnemer(GENNEP), kind="sociaal_netwerk", name="Karel K.", address="Markt 3", relevance="Oom")
    from tests.helpers import verified_client

    page = verified_client(partner(external)).get(f"/werk/casussen/{casus.number}/plan/").content.decode()
    assert "Huisbezoek" in page
    for secret in ("Vries", "Deelt filmpjes", "Zorgelijke uitingen", "Karel K.", "Gennep, Markt 1"):
        assert secret not in page


def test_art_9_1_party_added_later_sees_the_case_from_then_on():
    casus, _, _ = case_with_plan()
    from tests.helpers import verified_client

    reclassering = verified_client(deelnemer("De Reclassering Nederland"))
    assert reclassering.get(f"/werk/casussen/{casus.number}/").status_code == 403
    participant_add(casus, by=deelnemer(GENNEP), party=party("De Reclassering Nederland"), reason="Toezicht loopt")
    assert reclassering.get(f"/werk/casussen/{casus.number}/").status_code == 200
    row = casus.participants.get(party__name="De Reclassering Nederland")
    assert (row.source, row.reason) == ("casusoverleg", "Toezicht loopt")


def same_page(response, number: str) -> str:
    """The page without the number asked for and the per-response CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode().replace(number, ""))


def test_art_10_4_unknown_numbers_look_the_same_as_other_parties_cases():
    casus, _, _ = case_with_plan()
    from tests.helpers import verified_client

    outsider = verified_client(deelnemer("De gemeente Venlo"))
    existing = outsider.get(f"/werk/casussen/{casus.number}/")
    missing = outsider.get("/werk/casussen/C-1999-9999/")
    assert existing.status_code == missing.status_code == 403
    assert same_page(existing, casus.number) == same_page(missing, "C-1999-9999")
    # The uitvoerder, who sees every file, gets the same 403 for a number that does not exist
    # (one answer for every miss: nothing to probe), with its denied row.
    keeper = uitvoerder()
    assert verified_client(keeper).get("/werk/casussen/C-1999-9999/").status_code == 403
    row = AccessLogEntry.objects.get(user_id=keeper.pk)
    assert (row.allowed, row.object_ref) == (False, "C-1999-9999")
