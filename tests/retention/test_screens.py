"""The retention screens over HTTP: the uitvoerder's overview and lists (art. 13.1), holds,
reactivation (13.4), consulting the archive with a logged reason (13.2), and archived files
dropping out of the work lists and searches."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from accesslog.models import AccessLogEntry
from accounts.roles import Role
from retention.models import (
    ArchiveConsultation,
    DestructionList,
    HoldKind,
    ListStatus,
    ReactivationOrder,
    RetentionHold,
)
from retention.services.holds import hold_place
from retention.services.run import retention_apply
from tests.casusoverleg.fixtures import deelnemer, partner, uitvoerder
from tests.clock import freeze_time
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.retention.fixtures import DISTINCT_SUBJECT, agendered, at, niet_agenderen
from tests.weegploeg.fixtures import accepted, melder, weegploeglid
from weegploeg.models import WeegploegFile

pytestmark = pytest.mark.django_db

INDEX = "/werk/bewaartermijnen/"


def _denied_count(ref: str) -> int:
    return AccessLogEntry.objects.filter(object_ref=ref, allowed=False).count()


def test_art_13_overview_is_for_the_uitvoerder_only_and_refusals_are_logged():
    users = {
        "melder": melder(),
        "weegploeglid": weegploeglid(),
        "deelnemer": deelnemer(),
        "partner": partner(),
        "uitvoerder_casuspartij": accepted(
            UserFactory(roles=[Role.CASUSOVERLEG_DEELNEMER], party=party("De Raad voor de kinderbescherming"))
        ),
    }
    for name, user in users.items():
        before = _denied_count("overzicht")
        response = verified_client(user).get(INDEX)
        assert response.status_code == 403, name
        assert _denied_count("overzicht") == before + 1, name
    response = verified_client(uitvoerder()).get(INDEX)
    assert response.status_code == 200
    assert "Bewaartermijnen" in response.content.decode()


def test_art_13_overview_counts_files_due_within_30_days_and_shows_every_hold():
    with freeze_time(at()):
        file = niet_agenderen()
        other = niet_agenderen()
        boss = uitvoerder()
        hold_place(by=boss, number=other.number, kind=HoldKind.KLACHT, reason="Klacht nummer 4 loopt")
    with freeze_time(at(months=5, days=5)):
        response = verified_client(boss).get(INDEX)
    html = response.content.decode()
    assert response.status_code == 200
    row = html.split("Weegploeg, niet geagendeerd (art. 13.3)")[1].split("</tr>")[0]
    assert "<td>2</td>" in row  # both due for destruction within 30 days
    assert other.number in html
    assert "Klacht nummer 4 loopt" in html
    assert file.number not in html  # no hold on it: the overview lists numbers only for holds
    assert "Xylofoonwerf" not in html


def test_art_13_overview_query_count_stays_flat(django_assert_max_num_queries):
    boss = uitvoerder()
    client = verified_client(boss)
    with freeze_time(at()):
        niet_agenderen()
    with django_assert_max_num_queries(40):
        client.get(INDEX)
    with freeze_time(at()):
        for _ in range(4):
            numbers = niet_agenderen().number
            hold_place(by=boss, number=numbers, kind=HoldKind.ANDERS, reason="Onderzoek")
    with django_assert_max_num_queries(40):
        assert client.get(INDEX).status_code == 200


def test_art_13_1_uitvoerder_approves_and_cancels_a_list_over_http():
    with freeze_time(at()):
        file = agendered()[0]
        boss = uitvoerder()
    with freeze_time(at(months=60, days=1)):
        retention_apply()
        dlist = DestructionList.objects.get(status=ListStatus.CONCEPT)
        client = verified_client(boss)
        page = client.get(f"{INDEX}lijst/{dlist.pk}/")
        assert page.status_code == 200
        assert file.number in page.content.decode()
        # Issue 9: approval asks for confirmation first and says that it cannot be undone.
        assert "kan niet ongedaan worden gemaakt" in page.content.decode()
        assert "Ja, lijst goedkeuren voor vernietiging" in page.content.decode()
        response = client.post(f"{INDEX}lijst/{dlist.pk}/goedkeuren/", follow=True)
        assert "is goedgekeurd" in response.content.decode()
        dlist.refresh_from_db()
        assert dlist.status == ListStatus.GOEDGEKEURD
        assert dlist.approved_by == boss
        # approving twice: a clear Dutch message, nothing changed
        response = client.post(f"{INDEX}lijst/{dlist.pk}/goedkeuren/", follow=True)
        assert "niet (meer) in concept" in response.content.decode()
        response = client.post(f"{INDEX}lijst/{dlist.pk}/annuleren/", follow=True)
        assert "is geannuleerd" in response.content.decode()
        assert DestructionList.objects.get(pk=dlist.pk).status == ListStatus.GEANNULEERD
        # Issue 12: an unknown list gets the same 403 as a refusal, with one denied row each.
        assert client.get(f"{INDEX}lijst/999999/").status_code == 403
        assert client.post(f"{INDEX}lijst/999999/goedkeuren/").status_code == 403
        assert _denied_count("999999") == 2
        assert client.get(f"{INDEX}lijst/{dlist.pk}/goedkeuren/").status_code == 405
        # someone without the role cannot approve
        lid = weegploeglid()
        assert verified_client(lid).post(f"{INDEX}lijst/{dlist.pk}/annuleren/").status_code == 403


def test_art_13_1_hold_placed_and_released_over_http():
    with freeze_time(at()):
        file = niet_agenderen()
    boss = uitvoerder()
    client = verified_client(boss)
    response = client.post(f"{INDEX}blokkade/nieuw/", {"file_number": "W-1999-9999", "kind": "klacht", "reason": "x"})
    assert response.status_code == 200
    assert "Er is geen dossier met dit nummer." in response.content.decode()
    response = client.post(f"{INDEX}blokkade/nieuw/", {"file_number": file.number, "kind": "incident", "reason": "x"})
    assert "Kies het incident" in response.content.decode()
    assert not RetentionHold.objects.exists()
    response = client.post(
        f"{INDEX}blokkade/nieuw/",
        {"file_number": file.number.lower(), "kind": "klacht", "reason": "Klacht bij de FG"},
    )
    assert response.status_code == 302
    hold = RetentionHold.objects.get()
    assert hold.file_number == file.number
    assert hold.placed_by == boss
    response = client.post(f"{INDEX}blokkade/{hold.pk}/beeindigen/", follow=True)
    assert "is beëindigd" in response.content.decode()
    assert RetentionHold.objects.get().released_by == boss


def test_art_13_4_reactivation_over_http_needs_an_archived_file_and_an_order():
    with freeze_time(at()):
        file = agendered()[0]
    boss = uitvoerder()
    client = verified_client(boss)
    data = {"file_number": file.number, "order_reference": "VV-1", "ordered_on": "2026-01-10", "note": "Heroverwegen"}
    response = client.post(f"{INDEX}heractiveren/", data)
    assert "Er is geen gearchiveerd dossier met dit nummer." in response.content.decode()
    with freeze_time(at(months=13)):
        retention_apply()
        client = verified_client(boss)
        response = client.post(f"{INDEX}heractiveren/", {**data, "ordered_on": "morgen"})
        assert response.status_code == 200
        assert not ReactivationOrder.objects.exists()
        response = client.post(f"{INDEX}heractiveren/", {**data, "ordered_on": "2027-02-10"})
    assert response.status_code == 302
    assert WeegploegFile.objects.get(pk=file.pk).archived_at is None
    assert ReactivationOrder.objects.get().recorded_by == boss


def test_art_13_2_archived_files_leave_work_lists_and_search_and_are_consulted_with_a_logged_reason():
    with freeze_time(at()):
        file, casus = agendered(**DISTINCT_SUBJECT)
    lid = weegploeglid()
    member = deelnemer()
    boss = uitvoerder()
    with freeze_time(at(months=13)):
        call_command("apply_retention", stdout=io.StringIO())
    lid_client = verified_client(lid)
    # out of every work list and search; the file screens no longer open
    assert file.number not in lid_client.get("/werk/weegploeg/").content.decode()
    assert lid_client.get(f"/werk/weegploeg/dossier/{file.number}/").status_code == 403  # like a missing file
    boss_client = verified_client(boss)
    assert casus.number not in boss_client.get("/werk/casussen/").content.decode()
    assert casus.number not in boss_client.post("/werk/casussen/", {"q": "Xylofoonwerf"}).content.decode()
    assert boss_client.get(f"/werk/casussen/{casus.number}/").status_code == 403  # like a missing file
    # consulting the archive: a reason is required
    response = lid_client.post(f"{INDEX}archief/", {"file_number": file.number, "reason": ""})
    assert response.status_code == 200
    assert "Xylofoonwerf" not in response.content.decode()
    assert not ArchiveConsultation.objects.exists()
    response = lid_client.post(
        f"{INDEX}archief/", {"file_number": file.number, "reason": "Nieuw signaal, W-vergelijking"}
    )
    html = response.content.decode()
    assert "Xylofoonwerf" in html
    assert "alleen-lezen" in html
    consultation = ArchiveConsultation.objects.get()
    assert consultation.user == lid
    assert consultation.file_number == file.number
    (row,) = AccessLogEntry.objects.filter(user_id=lid.pk, object_ref="archief", allowed=True).exclude(shown_refs=[])
    assert row.action == "read"
    assert row.object_type == "weegploeg_file"
    assert row.shown_refs == [file.number]
    member_client = verified_client(member)
    response = member_client.post(
        f"{INDEX}archief/", {"file_number": casus.number, "reason": "Terugkoppeling aan de GGD"}
    )
    assert "Xylofoonwerf" in response.content.decode()
    # an active file is not in the archive
    with freeze_time(at()):
        active = niet_agenderen()
    response = lid_client.post(f"{INDEX}archief/", {"file_number": active.number, "reason": "Nieuwsgierig naar dit"})
    assert "Er is geen gearchiveerd dossier met dit nummer." in response.content.decode()
    # externe casuspartners and casuspartijen may not consult the archive; the refusal is logged
    for user in (
        partner(),
        accepted(UserFactory(roles=[Role.CASUSOVERLEG_DEELNEMER], party=party("De Reclassering Nederland"))),
    ):
        before = _denied_count("archief")
        response = verified_client(user).post(
            f"{INDEX}archief/", {"file_number": file.number, "reason": "Zomaar een reden"}
        )
        assert response.status_code == 403
        assert _denied_count("archief") == before + 1


def test_art_13_apply_retention_dry_run_command_lists_and_changes_nothing(capsys):
    with freeze_time(at()):
        file = niet_agenderen()
    with freeze_time(at(months=7)):
        call_command("apply_retention", "--dry-run")
        out = capsys.readouterr().out
        assert file.number in out
        assert "art. 13.3" in out
        assert "Proefdraai" in out
        assert WeegploegFile.objects.filter(pk=file.pk).exists()
        call_command("apply_retention")
        assert not WeegploegFile.objects.filter(pk=file.pk).exists()
        call_command("apply_retention")  # a second run finds nothing to do
        assert "vernietigd: 0" in capsys.readouterr().out.splitlines()[-1]


def test_art_13_dashboard_links_the_retention_screens_for_the_right_roles():
    boss_page = verified_client(uitvoerder()).get("/werk/").content.decode()
    assert 'href="/werk/bewaartermijnen/"' in boss_page
    assert 'href="/werk/bewaartermijnen/archief/"' in boss_page
    lid_page = verified_client(weegploeglid()).get("/werk/").content.decode()
    assert 'href="/werk/bewaartermijnen/"' not in lid_page
    assert 'href="/werk/bewaartermijnen/archief/"' in lid_page
    melder_page = verified_client(melder()).get("/werk/").content.decode()
    assert "/werk/bewaartermijnen/" not in melder_page
