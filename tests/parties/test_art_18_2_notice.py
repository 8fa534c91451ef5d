"""Art. 18.2 end to end (issue 17 item 8), with art. 14.2: a party gives notice; three months later
its users can no longer log in, its open tasks are flagged and handed on, what it brought into the
files stays, and its users' secrecy duty stays on record. A frozen clock walks the sequence."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from viewflow.workflow.status import STATUS

from accesslog.models import AccessLogEntry
from casusoverleg.models import DataContribution
from casusoverleg.registers import contribution_add
from core import tasks as task_lifecycle
from parties.models import Party
from parties.selectors import departed_party_tasks
from parties.services import party_notice_record
from secrecy.models import SecrecyAcceptance
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda, deelnemer, open_task, uitvoerder
from tests.clock import freeze_time
from tests.factories import PASSWORD, party
from tests.helpers import HOST, verified_client

pytestmark = pytest.mark.django_db

NOTICE = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
LAST_DAY = datetime.datetime(2026, 6, 1, 15, 0, tzinfo=datetime.UTC)
ENDED = datetime.datetime(2026, 6, 2, 8, 0, tzinfo=datetime.UTC)
SCREEN = "/werk/partijen/opzeggingen/"


def _password_login(user) -> int:
    response = Client(HTTP_HOST=HOST).post("/inloggen/", {"username": user.username, "password": PASSWORD})
    return response.status_code, response.get("Location", "")


def test_art_18_2_notice_then_no_login_after_three_months_tasks_handed_on_data_and_secrecy_kept():
    with freeze_time(NOTICE - datetime.timedelta(days=30)):
        casus = agenda(involved=(RVDK,))  # De Raad voor de kinderbescherming takes part in the case
        leaving = deelnemer(RVDK)  # has accepted the secrecy duty
        staying = deelnemer(GENNEP)
        boss = uitvoerder()
        contribution = contribution_add(
            casus, by=leaving, subject_matter="Lopend raadsonderzoek", content="Onderzoek loopt sinds januari."
        )
        task = open_task(casus, "adopt_plan")
        task_lifecycle.task_claim(task, leaving)
    acceptances = list(SecrecyAcceptance.objects.filter(user=leaving).values_list("pk", flat=True))
    assert acceptances

    # The uitvoerder records the notice on the screen.
    with freeze_time(NOTICE):
        client = verified_client(boss)
        assert client.get(SCREEN).status_code == 200
        response = client.post(
            SCREEN, {"stap": "opzeggen", "party": party(RVDK).pk, "notice_given_on": "02-03-2026"}, follow=True
        )
        assert response.status_code == 200
        assert "De deelname eindigt op 02-06-2026" in response.content.decode()
        rvdk = Party.objects.get(name=RVDK)
        assert rvdk.notice_given_on == datetime.date(2026, 3, 2)
        assert rvdk.participation_ends_on == datetime.date(2026, 6, 2)
        assert AccessLogEntry.objects.filter(object_ref=f"partij-{rvdk.slug}", action="update", allowed=True).exists()
        again = client.post(SCREEN, {"stap": "opzeggen", "party": rvdk.pk, "notice_given_on": "02-03-2026"})
        assert again.status_code == 400  # no longer offered: notice was given already

    # The last day of the notice period: everything still works.
    with freeze_time(LAST_DAY):
        assert verified_client(leaving).get("/werk/").status_code == 200
        assert _password_login(leaving)[0] == 302
        assert departed_party_tasks() == []

    # Three months after the notice.
    with freeze_time(ENDED):
        # no login, and an open session stops (the backend checks on every request)
        status, location = _password_login(leaving)
        assert status == 200
        assert location == ""
        session = verified_client(leaving).get("/werk/")
        assert session.status_code == 302
        assert "/inloggen/" in session["Location"]
        # its open task is flagged for the uitvoerder ...
        [flagged] = departed_party_tasks()
        assert flagged.task_id == task.pk
        assert flagged.party == rvdk
        page = verified_client(boss).get(SCREEN).content.decode()
        assert "Integraal plan van aanpak vaststellen" in page
        assert f"/werk/casussen/taak/{task.pk}/" in page
        # ... handed back to the group, and on to a colleague of a party that stays
        client = verified_client(boss)
        assert client.post(SCREEN, {"stap": "teruggeven", "partij": rvdk.pk}).status_code == 302
        task.refresh_from_db()
        assert task.owner_id is None
        assert task.status == STATUS.NEW
        reassign = f"/werk/casussen/taak/{task.pk}/toewijzen/"
        options = client.get(reassign).content.decode()
        assert f'value="{staying.pk}"' in options
        assert f'value="{leaving.pk}"' not in options
        assert client.post(reassign, {"user": staying.pk}).status_code == 302
        task.refresh_from_db()
        assert task.owner == staying
        assert departed_party_tasks() == []
        # its data contributions stay in the file, readable by the parties that stay
        assert DataContribution.objects.filter(pk=contribution.pk, party=rvdk).exists()
        detail = verified_client(staying).get(f"/werk/casussen/{casus.number}/").content.decode()
        assert "Lopend raadsonderzoek" in detail
        # art. 14.2: the secrecy duty its users accepted stays on record
        assert list(SecrecyAcceptance.objects.filter(user=leaving).values_list("pk", flat=True)) == acceptances
        assert "blijft ook na opzegging van kracht" in rvdk.secrecy_note


def test_art_18_2_only_uitvoerder_or_beheerder_records_a_notice_and_bad_input_changes_nothing():
    from accounts.roles import Role
    from tests.factories import UserFactory
    from tests.weegploeg.fixtures import accepted

    venlo = party("De gemeente Venlo")
    with freeze_time(NOTICE):
        with pytest.raises(PermissionDenied):
            party_notice_record(venlo, by=deelnemer(GENNEP), notice_given_on=NOTICE.date())
        with pytest.raises(ValidationError, match="toekomst") as future:
            party_notice_record(venlo, by=uitvoerder(), notice_given_on=NOTICE.date() + datetime.timedelta(days=1))
        assert future.value.code == "opzegging_toekomst"
        assert verified_client(deelnemer(GENNEP)).get(SCREEN).status_code == 403
        bad = verified_client(uitvoerder()).post(
            SCREEN, {"stap": "opzeggen", "party": venlo.pk, "notice_given_on": "x"}
        )
        assert bad.status_code == 400
        assert "Vul een datum in als dd-mm-jjjj." in bad.content.decode()
        venlo.refresh_from_db()
        assert venlo.notice_given_on is None
        beheerder = accepted(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De gemeente Roermond")))
        response = verified_client(beheerder).post(
            SCREEN, {"stap": "opzeggen", "party": venlo.pk, "notice_given_on": "01-03-2026"}
        )
        assert response.status_code == 302
    venlo.refresh_from_db()
    assert venlo.participation_ends_on == datetime.date(2026, 6, 1)


def test_art_18_2_tasks_stay_with_a_party_that_still_takes_part():
    with freeze_time(NOTICE):
        venlo = party("De gemeente Venlo")
        party_notice_record(venlo, by=uitvoerder(), notice_given_on=NOTICE.date())
        response = verified_client(uitvoerder()).post(SCREEN, {"stap": "teruggeven", "partij": venlo.pk}, follow=True)
        assert "neemt nog deel" in response.content.decode()
