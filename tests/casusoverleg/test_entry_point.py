"""Issue 12 on the casusoverleg screens: the one access entry point guards actions as well as
pages (art. 14), refuses a non-participating party the same way for an existing and a missing
case (art. 10.4), and the case search keeps names out of every URL (issue 13 item 11)."""

from __future__ import annotations

import re

import pytest

from accesslog.models import AccessLogEntry
from secrecy.models import SecrecyAcceptance
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda, deelnemer, open_task
from tests.helpers import verified_client

pytestmark = pytest.mark.django_db

SECRECY_PAGE = "/werk/geheimhouding/?next="


def test_art_14_claim_by_post_without_secrecy_acceptance_is_refused_and_changes_nothing():
    casus = agenda(involved=[RVDK])
    member = deelnemer(GENNEP)
    SecrecyAcceptance.objects.filter(user=member).delete()
    task = open_task(casus, "adopt_plan")
    response = verified_client(member).post(f"/werk/casussen/taak/{task.pk}/oppakken/")
    assert response.status_code == 302
    assert response["Location"].startswith(SECRECY_PAGE)
    task.refresh_from_db()
    assert task.owner_id is None
    assert task.status == "NEW"
    assert not AccessLogEntry.objects.filter(user_id=member.pk, allowed=True).exists()


def test_art_14_release_by_post_without_secrecy_acceptance_is_refused_and_changes_nothing():
    casus = agenda(involved=[RVDK])
    member = deelnemer(GENNEP)
    client = verified_client(member)
    task = open_task(casus, "adopt_plan")
    assert client.post(f"/werk/casussen/taak/{task.pk}/oppakken/").status_code == 302
    task.refresh_from_db()
    assert task.owner_id == member.pk
    SecrecyAcceptance.objects.filter(user=member).delete()
    response = client.post(f"/werk/casussen/taak/{task.pk}/vrijgeven/")
    assert response.status_code == 302
    assert response["Location"].startswith(SECRECY_PAGE)
    task.refresh_from_db()
    assert task.owner_id == member.pk
    assert task.status == "ASSIGNED"


def test_art_10_4_a_casuspartij_user_not_taking_part_gets_403_and_one_denied_row_existing_or_not():
    casus = agenda(involved=[RVDK])
    outsider = deelnemer("De Reclassering Nederland")  # a casuspartij, not in this case
    client = verified_client(outsider)
    task = open_task(casus, "adopt_plan")
    cases = [
        ("get", f"/werk/casussen/{casus.number}/", casus.number),
        ("get", "/werk/casussen/C-1999-9999/", "C-1999-9999"),
        ("get", f"/werk/casussen/{casus.number}/plan/pdf/", casus.number),
        ("post", f"/werk/casussen/taak/{task.pk}/oppakken/", casus.number),
        ("post", "/werk/casussen/taak/999999/oppakken/", "999999"),
    ]
    for method, url, ref in cases:
        before = AccessLogEntry.objects.filter(user_id=outsider.pk).count()
        response = getattr(client, method)(url)
        rows = list(AccessLogEntry.objects.filter(user_id=outsider.pk).order_by("id"))[before:]
        assert response.status_code == 403, url
        assert [(r.allowed, r.object_ref) for r in rows] == [(False, ref)], url
        assert "Vries" not in response.content.decode()
    task.refresh_from_db()
    assert task.owner_id is None


def test_art_15_1_the_case_search_sends_no_name_in_any_url():
    """Issue 13.11."""
    casus = agenda(involved=[RVDK])
    member = deelnemer(GENNEP)
    client = verified_client(member)
    page = client.get("/werk/casussen/").content.decode()
    form = re.search(r'(<form[^>]*>)(?:(?!</form>).)*id="casus-zoeken"', page, re.DOTALL).group(1)
    assert 'method="post"' in form
    assert "?" not in form
    response = client.post("/werk/casussen/", {"q": "Vries"})
    assert response.status_code == 200  # answered in place: no redirect that could carry the name
    body = response.content.decode()
    assert casus.number in body
    assert not any("Vries" in url for url in re.findall(r'(?:href|action|src)="([^"]*)"', body))
    row = AccessLogEntry.objects.filter(user_id=member.pk, action="search").get()
    assert row.allowed
    assert row.shown_refs == [casus.number]
    assert "Vries" not in str(row.__dict__)
    # A name put in the query string by hand is not searched with (and so not answered).
    ignored = client.get("/werk/casussen/?q=Vries")
    assert ignored.status_code == 200
    assert ignored.context["query"] == ""
    assert AccessLogEntry.objects.filter(user_id=member.pk, action="search").count() == 1


def test_art_13_2_an_archived_case_is_refused_on_every_screen_and_left_out_of_the_list():
    from django.utils import timezone

    from casusoverleg.models import CasusoverlegFile

    casus = agenda(involved=[RVDK])
    CasusoverlegFile.objects.filter(pk=casus.pk).update(archived_at=timezone.now())
    client = verified_client(deelnemer(GENNEP))
    task = open_task(casus, "adopt_plan")
    assert client.get(f"/werk/casussen/{casus.number}/").status_code == 403
    assert client.get(f"/werk/casussen/{casus.number}/plan/").status_code == 403
    assert client.get(f"/werk/casussen/taak/{task.pk}/").status_code == 403
    assert casus.number not in client.get("/werk/casussen/").content.decode()
