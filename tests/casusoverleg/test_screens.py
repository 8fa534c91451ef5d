"""The casusoverleg over HTTP, as the participants walk it (art. 3, 8.2f, 9, 10, 10.5)."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from accesslog.models import AccessLogEntry
from casusoverleg.models import CasusStatus, Disclosure, PlanVersion
from core.months import add_months
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda, deelnemer, open_task, partner, task_url
from tests.factories import PartyFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import confirmed_over_http, confirmer, weegploeglid
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db

MEASURES = [
    ("Wekelijks gesprek met de jongerenwerker over zijn uitingen", "b", GENNEP),
    ("Raadsonderzoek naar de opvoedsituatie van de kinderen", "e", RVDK),
]


def today(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


def write_plan(client, casus, measures=MEASURES, aim="Deradicalisering en zorg voor het gezin"):
    base = f"/werk/casussen/{casus.number}/plan/concept/"
    assert client.post(base, {"stap": "openen"}).status_code == 302
    assert client.post(base, {"stap": "doel", "doel-aim": aim, "doel-change_note": ""}).status_code == 302
    for description, goal, party_name in measures:
        response = client.post(
            base,
            {
                "stap": "maatregel",
                "maatregel-description": description,
                "maatregel-goal": goal,
                "maatregel-responsible_party": party(party_name).pk,
                "maatregel-due_on": today(60),
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]


def adopt(client, casus, present=(GENNEP, RVDK)):
    return client.post(
        f"/werk/casussen/{casus.number}/plan/vaststellen/",
        {"adopted_on": today(), "present_parties": [party(n).pk for n in present]},
    )


def review(client, casus, outcome="voortzetten", statuses=("in_uitvoering", "gepland"), reason=""):
    plan = PlanVersion.objects.get(file=casus, adopted_at__isnull=False, superseded_at__isnull=True)
    data = {"held_on": today(), "summary": "Gesprekken lopen.", "outcome": outcome, "closure_reason": reason}
    for measure, status in zip(plan.measures.order_by("pk"), statuses, strict=True):
        data[f"s_{measure.pk}"] = status
        data[f"n_{measure.pk}"] = "Voortgang besproken"
    return client.post(task_url(casus, "review"), data)


def test_art_9_end_to_end_plan_pdf_reviews_advice_and_closure_in_both_files():
    casus = agenda(involved=[RVDK])
    gennep, rvdk = verified_client(deelnemer(GENNEP)), verified_client(deelnemer(RVDK))
    inbox = gennep.get("/werk/casussen/").content.decode()
    assert casus.number in inbox
    assert "Integraal plan van aanpak vaststellen" in inbox
    assert "Vries" not in inbox  # lists: number and initials only

    write_plan(gennep, casus)
    response = adopt(gennep, casus)
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = PlanVersion.objects.get(file=casus)
    assert plan.number == 1
    assert set(plan.present_parties.values_list("name", flat=True)) == {GENNEP, RVDK}
    casus.refresh_from_db()
    assert casus.status == CasusStatus.IN_UITVOERING
    assert casus.next_review_on == add_months(timezone.localdate(), 3)  # default every three months (art. 9.4)

    pdf = rvdk.get(f"/werk/casussen/{casus.number}/plan/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf.content)).pages)
    for description, _, party_name in MEASURES:
        assert description in text
        assert party_name in text
    assert "c. het beperken" not in text
    assert "b. het stimuleren van gedragsverandering" in text
    assert AccessLogEntry.objects.filter(object_ref=casus.number, action="export", allowed=True).count() == 1

    assert review(gennep, casus).status_code == 302
    assert review(rvdk, casus, statuses=("gereed", "gereed"), outcome="afsluiting_adviseren", reason="Doelen bereikt")
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFSLUITING_GEADVISEERD
    assert casus.reviews.count() == 2

    # the casusoverleg only advises; a casuspartij cannot decide
    decide = task_url(casus, "decide_closure")
    refused = rvdk.post(decide, {"outcome": "afsluiten", "decided_on": today(), "motivation": "x"}, follow=True)
    assert "U kunt deze taak niet (meer) uitvoeren" in refused.content.decode()
    casus.refresh_from_db()
    assert casus.closed_on is None
    kern = verified_client(weegploeglid("Het Openbaar Ministerie"))
    page = kern.get(decide).content.decode()
    assert "Doelen bereikt" in page
    assert "Vries" not in page
    assert "Deelt filmpjes" not in page
    data = {"outcome": "afsluiten", "decided_on": today(), "motivation": "Plan geslaagd.", "basis": "vier_ogen"}
    done = kern.post(decide, data)
    assert done.status_code == 302, done.content.decode()[:3000]
    casus.refresh_from_db()
    assert casus.closed_on is None  # art. 9.4: a proposal until a second kernpartij confirms it
    confirmed_over_http(casus.number, confirmer("De gemeente Heerlen"))

    casus.refresh_from_db()
    weegploeg_file = WeegploegFile.objects.get(number=casus.source_weegploeg_number)
    assert casus.status == CasusStatus.AFGESLOTEN
    assert casus.closed_on == weegploeg_file.plan_closed_on == timezone.localdate()
    assert casus.process.status == "DONE"
    with translation.override("nl"):
        closed_on = date_format(timezone.localdate(), "j F Y")
    detail = gennep.get(f"/werk/casussen/{casus.number}/").content.decode()
    assert f"Het integraal plan van aanpak is afgesloten op {closed_on}" in detail
    weegploeg_page = kern.get(f"/werk/weegploeg/dossier/{weegploeg_file.number}/").content.decode()
    assert f"Integraal plan van aanpak afgesloten op {closed_on}" in weegploeg_page


def test_art_9_4_plan_adjustment_creates_a_new_readable_version():
    casus = agenda()
    client = verified_client(deelnemer())
    write_plan(client, casus)
    adopt(client, casus)
    client.post(f"/werk/casussen/{casus.number}/plan/concept/", {"stap": "openen"})
    client.post(
        f"/werk/casussen/{casus.number}/plan/concept/",
        {"stap": "doel", "doel-aim": "Aangescherpt doel", "doel-change_note": "Na eerste bespreking"},
    )
    assert adopt(client, casus).status_code == 302
    assert "Aangescherpt doel" in client.get(f"/werk/casussen/{casus.number}/plan/").content.decode()
    first = client.get(f"/werk/casussen/{casus.number}/plan/versie/1/").content.decode()
    assert "Deradicalisering en zorg voor het gezin" in first
    assert "vervangen door een latere versie" in first
    assert open_task(casus, "review")  # the adjustment did not disturb the monitoring task


def test_art_9_4_overdue_measures_and_reviews_are_flagged_in_the_inbox():
    casus = agenda()
    client = verified_client(deelnemer())
    write_plan(client, casus, measures=[("Huisbezoek", "c", GENNEP)])
    adopt(client, casus)
    PlanVersion.objects.get(file=casus).measures.update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    casus.refresh_from_db()
    casus.next_review_on = timezone.localdate() - datetime.timedelta(days=1)
    casus.save()
    inbox = client.get("/werk/casussen/").content.decode()
    assert "(bespreking te laat)" in inbox
    assert "maatregelen over de datum" in inbox
    assert "(te laat)" in inbox
    # the interval is configurable per case
    assert client.post(f"/werk/casussen/{casus.number}/termijn/", {"months": "6"}).status_code == 302
    casus.refresh_from_db()
    assert casus.review_interval_months == 6
    assert client.post(f"/werk/casussen/{casus.number}/termijn/", {"months": "99"}).status_code == 302
    casus.refresh_from_db()
    assert casus.review_interval_months == 6


def test_art_10_5_disclosure_without_consent_is_refused_and_with_consent_visible_and_registered():
    casus = agenda(given_names="Jan Pieter")
    external = PartyFactory()
    client = verified_client(deelnemer())
    response = client.post(
        f"/werk/casussen/{casus.number}/deelnemers/nieuw/", {"party": external.pk, "reason": "Jeugdhulp"}
    )
    assert response.status_code == 302
    write_plan(client, casus, measures=[("Jeugdhulptraject", "e", GENNEP)])
    adopt(client, casus)
    outsider = verified_client(partner(external))
    before = outsider.get(f"/werk/casussen/{casus.number}/plan/").content.decode()
    assert "Jeugdhulptraject" in before
    assert "Vries" not in before

    url = f"/werk/casussen/{casus.number}/verstrekkingen/"
    data = {
        "recipient": external.pk,
        "necessity": "Partner begeleidt het gezin en moet weten wie het is.",
        "data_kinds": ["subject"],
        "consenting_parties": [party(GENNEP).pk],  # RvdK did not consent
        "consent_note": "Besproken in het casusoverleg",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Toestemming ontbreekt van: De Raad voor de kinderbescherming" in (refused.content.decode())
    assert not Disclosure.objects.exists()
    assert "Vries" not in outsider.get(f"/werk/casussen/{casus.number}/plan/").content.decode()
    # Missing consent is a business refusal (a Dutch form error), not an access refusal: nothing was
    # disclosed, so no disclose row; the attempt is on record as the screen's read of the file.
    assert not AccessLogEntry.objects.filter(object_ref=casus.number, action="disclose").exists()
    attempt = AccessLogEntry.objects.filter(purpose="casusoverleg: verstrekkingenregister").latest("id")
    assert (attempt.action, attempt.object_ref, attempt.allowed) == ("read", casus.number, True)

    data["consenting_parties"] = [party(GENNEP).pk, party(RVDK).pk]
    assert client.post(url, data).status_code == 302
    after = outsider.get(f"/werk/casussen/{casus.number}/plan/").content.decode()
    assert "Jan Pieter de Vries" in after
    register_page = client.get(url).content.decode()
    assert external.name in register_page
    assert "NAW-gegevens van het subject" in register_page
    assert AccessLogEntry.objects.filter(object_ref=casus.number, action="disclose", allowed=True).count() == 1
    # still the plan only: signals, analysis and the file stay closed to the partner
    assert outsider.get(f"/werk/casussen/{casus.number}/").status_code == 403
    assert "Deelt filmpjes" not in after


def test_art_9_5_advice_request_over_http():
    casus = agenda()
    client = verified_client(deelnemer())
    url = f"/werk/casussen/{casus.number}/advies/nieuw/"
    bad = client.post(
        url,
        {
            "recipient_kind": "nctv",
            "recipient_name": "NCTV",
            "question": "Duiding?",
            "requested_on": today(),
            "personal_data_shared": "on",
        },
    )
    assert bad.status_code == 400
    assert "Kies welke soorten persoonsgegevens zijn gedeeld." in bad.content.decode()
    good = client.post(
        url,
        {
            "recipient_kind": "nctv",
            "recipient_name": "NCTV",
            "question": "Duiding?",
            "requested_on": today(),
            "personal_data_shared": "on",
            "data_kinds": ["signalen"],
            "sharing_reason": "Zonder signalen geen duiding",
        },
    )
    assert good.status_code == 302
    advice = casus.advice_requests.get()
    answer = client.post(
        f"/werk/casussen/{casus.number}/advies/{advice.pk}/", {"answer": "Ernstig.", "answered_on": today()}
    )
    assert answer.status_code == 302
    page = client.get(f"/werk/casussen/{casus.number}/").content.decode()
    assert "Zonder signalen geen duiding" in page
    assert "Ernstig." in page


def test_art_10_2_persons_and_contributions_are_recorded_with_ground():
    casus = agenda()
    client = verified_client(deelnemer(RVDK))
    response = client.post(
        f"/werk/casussen/{casus.number}/personen/nieuw/",
        {"kind": "achterblijver", "name": "Fatima B.", "address": "Dorpstraat 2, Gennep", "relevance": "Partner"},
    )
    assert response.status_code == 302
    response = client.post(
        f"/werk/casussen/{casus.number}/inbreng/nieuw/", {"subject_matter": "Raadsonderzoek", "content": "Gestart"}
    )
    assert response.status_code == 302
    page = client.get(f"/werk/casussen/{casus.number}/").content.decode()
    assert "Fatima B." in page
    assert "d. Raad voor de Kinderbescherming" in page
    assert not AccessLogEntry.objects.filter(object_ref__icontains="Fatima").exists()


def test_art_9_bad_input_gives_dutch_messages_and_changes_nothing():
    casus = agenda()
    client = verified_client(deelnemer())
    write_plan(client, casus, measures=[])
    empty = adopt(client, casus, present=())
    assert empty.status_code == 400
    assert "Kies minstens één partij." in empty.content.decode()
    no_measures = adopt(client, casus)
    assert no_measures.status_code == 400
    assert "nog geen maatregelen" in no_measures.content.decode()
    bad = client.post(
        f"/werk/casussen/{casus.number}/plan/concept/",
        {"stap": "maatregel", "maatregel-description": "", "maatregel-goal": "z", "maatregel-due_on": "31-02-2026"},
    )
    assert bad.status_code == 400
    assert "Controleer de maatregel." in bad.content.decode()
    # A NUL is refused up front (PostgreSQL cannot store or compare it): a Dutch 400, not a 500.
    assert client.post("/werk/casussen/", {"q": "<script>\x00"}).status_code == 400
    assert client.post("/werk/casussen/", {"q": "<script>"}).status_code == 200
    assert client.get(f"/werk/casussen/{casus.number}/plan/pdf/?versie=abc").status_code == 302
    assert client.get(f"/werk/casussen/{casus.number}/plan/versie/9/").status_code == 404
    assert not PlanVersion.objects.filter(adopted_at__isnull=False).exists()


def test_art_9_dashboard_links_to_the_casusoverleg_work_list_by_role():
    from accounts.roles import Role
    from tests.factories import UserFactory

    link = 'href="/werk/casussen/"'
    assert link in verified_client(deelnemer()).get("/werk/").content.decode()
    assert link in verified_client(partner()).get("/werk/").content.decode()
    melder = UserFactory(roles=[Role.MELDER], party=party("De politie"))
    assert link not in verified_client(melder).get("/werk/").content.decode()
