"""Authorisation log, ending sessions, rights review, security plan (art. 15.2 b, c, f; 15.3)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accesslog.models import AccessLogEntry
from accounts.roles import Role
from accounts.services import role_grant, role_revoke, user_deactivate, user_roles, user_roles_set
from authorisations.models import (
    AuthorisationEvent,
    AuthorisationEventKind,
    RightsReview,
    SecurityPlanEvaluation,
)
from tests.clock import freeze_time
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.weegploeg.fixtures import accepted

pytestmark = pytest.mark.django_db


def test_art_15_2c_every_grant_and_revocation_is_logged_with_who_whom_what_why():
    beheerder = UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De politie"))
    user = UserFactory(party=party("De politie"))
    role_grant(user, Role.WEEGPLOEGLID, by=beheerder, reason="Nieuw lid weegploeg")
    role_revoke(user, Role.WEEGPLOEGLID, by=beheerder, reason="Vertrokken")
    granted, revoked = AuthorisationEvent.objects.filter(subject=user).order_by("id")
    assert (granted.kind, granted.role, granted.actor, granted.reason) == (
        AuthorisationEventKind.ROLE_GRANTED,
        "weegploeglid",
        beheerder,
        "Nieuw lid weegploeg",
    )
    assert (revoked.kind, revoked.actor, revoked.reason) == (
        AuthorisationEventKind.ROLE_REVOKED,
        beheerder,
        "Vertrokken",
    )
    assert granted.at <= revoked.at


def test_art_15_2c_a_revoked_role_is_refused_on_the_very_next_request():
    user = accepted(UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen")))
    client = verified_client(user)
    assert client.get("/werk/toegangslog/").status_code == 200
    role_revoke(user, Role.UITVOERDER, reason="Andere functie")
    response = client.get("/werk/toegangslog/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
    # Logging in again gives a session without the role.
    assert verified_client(user).get("/werk/toegangslog/").status_code == 403


def test_art_15_2c_deactivating_a_user_ends_the_sessions_at_once():
    user = UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"))
    client = verified_client(user)
    assert client.get("/werk/").status_code == 200
    user_deactivate(user, reason="Uit dienst")
    response = client.get("/werk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
    assert AuthorisationEvent.objects.filter(subject=user, kind=AuthorisationEventKind.USER_DEACTIVATED).exists()


def test_art_15_2c_granting_a_role_keeps_the_session():
    user = UserFactory(roles=[Role.MELDER], party=party("De politie"))
    client = verified_client(user)
    assert client.get("/werk/").status_code == 200
    role_grant(user, Role.WEEGPLOEGLID, reason="Uitbreiding")
    assert client.get("/werk/").status_code == 200


def test_art_15_2c_admin_user_form_requires_a_reason_and_logs_the_change():
    admin = UserFactory(party=party("De gemeente Roermond"), is_superuser=True)
    user = UserFactory(roles=[Role.MELDER], party=party("De politie"), username="agent1")
    client = verified_client(admin)
    url = f"/admin/users/edit/{user.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="reden"' in page.content.decode()
    from django.contrib.auth.models import Group

    data = {
        "username": "agent1",
        "email": user.email,
        "first_name": "Test",
        "last_name": "Agent",
        "party": user.party_id,
        "is_active": "on",
        "groups": [Group.objects.get(name=Role.WEEGPLOEGLID.group_name).pk],
    }
    response = client.post(url, data)
    assert response.status_code == 200  # refused: no reason given
    assert user_roles(user) == {Role.MELDER}
    response = client.post(url, {**data, "reden": "Lid van de weegploeg geworden"})
    assert response.status_code == 302, response.content.decode()[:500]
    assert user_roles(user) == {Role.WEEGPLOEGLID}
    events = AuthorisationEvent.objects.filter(subject=user, actor=admin, reason="Lid van de weegploeg geworden")
    assert {e.kind for e in events} == {AuthorisationEventKind.ROLE_GRANTED, AuthorisationEventKind.ROLE_REVOKED}


def test_art_15_2c_authorisation_log_screen_is_logged_and_restricted():
    from accesslog.models import AccessLogEntry

    uitvoerder = accepted(UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen")))
    assert verified_client(uitvoerder).get("/werk/autorisaties/").status_code == 200
    melder = UserFactory(roles=[Role.MELDER], party=party("De politie"))
    assert verified_client(melder).get("/werk/autorisaties/").status_code == 403
    rows = list(AccessLogEntry.objects.filter(object_type="autorisatielog").order_by("id"))
    assert [(r.user_id, r.allowed) for r in rows] == [(uitvoerder.pk, True), (melder.pk, False)]


def test_art_15_2f_rights_review_lists_users_and_records_decisions():
    politie = party("De politie")
    contact = accepted(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=politie))
    keep = UserFactory(roles=[Role.WEEGPLOEGLID], party=politie)
    drop = UserFactory(roles=[Role.MELDER], party=politie)
    drop.last_login = timezone.now() - datetime.timedelta(days=200)
    drop.save()
    client = verified_client(contact)
    response = client.post(f"/werk/autorisaties/controles/start/{politie.slug}/")
    review = RightsReview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/werk/autorisaties/controles/{review.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert keep.username in page
    assert drop.username in page
    assert "Weegploeglid" in page
    items = {item.user_id: item for item in review.items.all()}
    assert items[drop.pk].last_login is not None
    # Decisions are posted to their own screen (the rule: the party's own contact only).
    decide = f"/werk/autorisaties/controles/{review.pk}/besluit/"
    # Completing with undecided users is refused.
    assert client.post(decide, {"complete": "1"}).status_code == 400
    client.post(decide, {"item": items[keep.pk].pk, "decision": "bevestigd"})
    client.post(decide, {"item": items[drop.pk].pk, "decision": "ingetrokken"})
    client.post(decide, {"item": items[contact.pk].pk, "decision": "bevestigd"})
    response = client.post(decide, {"complete": "1", "notes": "Jaarcontrole"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_done
    assert review.completed_by == contact
    assert user_roles(drop) == set()
    assert user_roles(keep) == {Role.WEEGPLOEGLID}
    assert AuthorisationEvent.objects.filter(
        subject=drop, kind=AuthorisationEventKind.ROLE_REVOKED, reason=f"Periodieke rechtencontrole {review.reference}"
    ).exists()


def test_art_15_2f_contact_of_another_party_may_not_review():
    contact = UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De gemeente Venlo"))
    response = verified_client(contact).post(f"/werk/autorisaties/controles/start/{party('De politie').slug}/")
    assert response.status_code == 403
    assert RightsReview.objects.count() == 0
    # Issue 12: an unknown review gets the same 403 as another party's review.
    assert verified_client(contact).get("/werk/autorisaties/controles/999999/").status_code == 403


def test_art_15_3_security_plan_shows_measures_and_reminds_when_evaluation_is_due():
    uitvoerder = UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"))
    client = verified_client(uitvoerder)
    evaluate = "/werk/autorisaties/beveiligingsplan/evaluatie/"
    page = client.get("/werk/autorisaties/beveiligingsplan/").content.decode()
    assert "nog geen jaarlijkse evaluatie" in page
    for link in ("/werk/toegangslog/", "/werk/incidenten/", "/werk/autorisaties/controles/"):
        assert f'href="{link}"' in page
    with freeze_time("2026-01-15 12:00:00+01:00"):
        response = client.post(evaluate, {"evaluated_on": "2026-01-10", "notes": "OK"})
        assert response.status_code == 302
        page = client.get("/werk/autorisaties/beveiligingsplan/").content.decode()
        assert "10 januari 2026" in page
        assert "10 januari 2027" in page
        assert "Herinnering" not in page
        assert client.post(evaluate, {"evaluated_on": "morgen"}).status_code == 400
    with freeze_time("2026-12-20 12:00:00+01:00"):
        assert "binnenkort" in verified_client(uitvoerder).get("/werk/autorisaties/beveiligingsplan/").content.decode()
    with freeze_time("2027-02-01 12:00:00+01:00"):
        assert "verlopen" in verified_client(uitvoerder).get("/werk/autorisaties/beveiligingsplan/").content.decode()
    assert SecurityPlanEvaluation.objects.count() == 1


def test_art_15_3_only_the_uitvoerder_records_the_evaluation():
    melder = UserFactory(roles=[Role.MELDER], party=party("De politie"))
    client = verified_client(melder)
    assert client.get("/werk/autorisaties/beveiligingsplan/").status_code == 200
    assert (
        client.post("/werk/autorisaties/beveiligingsplan/evaluatie/", {"evaluated_on": "2026-01-10"}).status_code == 403
    )
    assert client.post("/werk/autorisaties/beveiligingsplan/").status_code == 405  # the page itself only shows


def test_art_15_2c_user_roles_set_logs_by_and_reason():
    user = UserFactory(roles=[Role.MELDER], party=party("De politie"))
    user_roles_set(user, [Role.WEEGPLOEGLID], reason="Herindeling")
    kinds = list(AuthorisationEvent.objects.filter(subject=user, reason="Herindeling").values_list("kind", flat=True))
    assert sorted(kinds) == ["role_granted", "role_revoked"]


def test_art_15_2f_a_contact_of_another_party_cannot_decide_on_a_review_nor_see_it_and_superusers_neither():
    """The decisions of a review have their own screen with their own rule: the party's own
    contact only. Another party's contact and a superuser without the role get the 403 a missing
    review gets, with one denied row; the uitvoerder may see every review but decides on none."""
    politie = party("De politie")
    contact = accepted(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=politie))
    member = UserFactory(roles=[Role.MELDER], party=politie)
    client = verified_client(contact)
    client.post(f"/werk/autorisaties/controles/start/{politie.slug}/")
    review = RightsReview.objects.get()
    item = review.items.get(user=member)
    others = {
        "beheerder_venlo": accepted(UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], party=party("De gemeente Venlo"))),
        "superuser": accepted(UserFactory(party=party("De gemeente Heerlen"), is_superuser=True, is_staff=True)),
        "uitvoerder": accepted(UserFactory(roles=[Role.UITVOERDER], party=party("De gemeente Heerlen"))),
    }
    for name, user in others.items():
        other = verified_client(user)
        before = AccessLogEntry.objects.filter(user_id=user.pk, allowed=False).count()
        response = other.post(
            f"/werk/autorisaties/controles/{review.pk}/besluit/", {"item": item.pk, "decision": "ingetrokken"}
        )
        assert response.status_code == 403, name
        assert AccessLogEntry.objects.filter(user_id=user.pk, allowed=False).count() == before + 1, name
        assert other.post("/werk/autorisaties/controles/999999/besluit/").status_code == 403, name
    assert user_roles(member) == {Role.MELDER}
    assert verified_client(others["uitvoerder"]).get(f"/werk/autorisaties/controles/{review.pk}/").status_code == 200
    assert (
        verified_client(others["beheerder_venlo"]).get(f"/werk/autorisaties/controles/{review.pk}/").status_code == 403
    )
    assert verified_client(others["superuser"]).get("/werk/autorisaties/").status_code == 403
