"""Shared set-up for the weegploeg tests: a published referentiekader, users per role, a signal."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from secrecy.services import secrecy_accept
from secrecy.texts import SECRECY_TEXT_VERSION
from tests.factories import UserFactory, party

CRITERIA_V1 = [
    ("ID-1", "Uitingen die geweld rechtvaardigen", "Let op uitspraken die geweld goedkeuren."),
    ("ID-2", "Breuk met de sociale omgeving", "Contact met familie en vrienden verbroken."),
    ("RE-1", "Voorbereiding van een uitreis", "Aanwijzingen voor een reis naar een conflictgebied."),
]


def _stream(criteria) -> list:
    return [
        (
            "theme",
            {
                "title": "Ideologie en gedrag",
                "description": "",
                "criteria": [{"code": c, "title": t, "guidance": g} for c, t, g in criteria],
            },
        )
    ]


def home_page():
    from wagtail.models import Page

    from pages.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Casusoverleg Limburg", slug="casusoverleg-test"))
    return home


def referentiekader_publish(criteria=CRITERIA_V1, page=None):
    """Create (or edit) and publish the referentiekader; returns the page (published revision)."""
    from pages.models import ConvenantPage, ReferentiekaderPage

    if page is None:
        page = ReferentiekaderPage.objects.first()
    if page is None:
        convenant = ConvenantPage.objects.first()
        if convenant is None:
            convenant = home_page().add_child(instance=ConvenantPage(title="Convenant", slug="convenant-test"))
        page = convenant.add_child(
            instance=ReferentiekaderPage(title="Referentiekader", slug="referentiekader-test", is_concept=False)
        )
    page = page.specific
    page.is_concept = False
    page.criteria = _stream(criteria)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def accepted(user):
    secrecy_accept(user, text_version=SECRECY_TEXT_VERSION)
    return user


def melder(party_name: str = "De gemeente Gennep"):
    return accepted(UserFactory(roles=[Role.MELDER], party=party(party_name), email="melder@example.invalid"))


def weegploeglid(party_name: str = "De politie"):
    return accepted(UserFactory(roles=[Role.WEEGPLOEGLID], party=party(party_name)))


def confirmer(party_name: str = "Het Openbaar Ministerie"):
    """Art. 7.4, 9.4 (issue 13 item 8): a weegploeglid of another kernpartij who confirms a decision."""
    return accepted(UserFactory(roles=[Role.WEEGPLOEGLID], party=party(party_name)))


def decided_with_four_eyes(file, lid, *, second=None, **decision):
    """Art. 7.4 (issue 13 item 8): ``lid`` proposes the weegploeg's decision on the decide task and a
    second person of another kernpartij (``second``, by default the OM's ``confirmer``) confirms it by
    their own act; the decision then takes effect and the flow moves on."""
    from viewflow.workflow.models import Task

    from core import tasks as task_lifecycle
    from flows.weegploeg import WeegploegFlow
    from meetings.proposals import decision_confirm
    from weegploeg import services as weegploeg_services

    task = Task.objects.get(
        process_id=file.process_id, flow_task=WeegploegFlow.decide, status__in=task_lifecycle.OPEN_STATUSES
    )
    task_lifecycle.task_claim(task, lid)
    proposal = weegploeg_services.weegploeg_decision_propose(file, by=lid, task_id=task.pk, **decision)
    return decision_confirm(proposal, by=second or confirmer())


def confirmed_over_http(number: str, second=None) -> None:
    """Art. 7.4, 9.4 (issue 13 item 8): the second person (by default the OM's ``confirmer``) opens
    the decision waiting for confirmation on their own screen and confirms it."""
    from meetings.models import DecisionProposal, ProposalStatus
    from tests.helpers import verified_client

    proposal = DecisionProposal.objects.get(file_number=number, status=ProposalStatus.PENDING)
    client = verified_client(second or confirmer())
    url = f"/werk/overleggen/besluiten/{proposal.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302


def uitvoerder(party_name: str = "De gemeente Heerlen"):
    return accepted(UserFactory(roles=[Role.UITVOERDER], party=party(party_name)))


SUBJECT = {
    "given_names": "Jan Pieter",
    "surname_prefix": "de",
    "surname": "Vries",
    "date_of_birth": datetime.date(2001, 4, 5),
    "address": "Markt 1",
    "postcode": "6591 AA",
    "residence": "Gennep",
    "municipality": "Gennep",
    "bsn": "",
}


def intake_post(**overrides) -> dict:
    data = {
        **{k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in SUBJECT.items()},
        "observation": "Deelt filmpjes die aanslagen verheerlijken.",
        "observed_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "melder": "zelf",
        "melder_name": "",
        "melder_contact": "",
        "actie": "versturen",  # issue 14.6: the summary step's "Versturen" (without it: the summary)
    }
    data.update(overrides)
    return data


def register(by, **subject_overrides):
    from weegploeg.services import signal_register

    return signal_register(
        by=by,
        subject={**SUBJECT, **subject_overrides},
        observation="Deelt filmpjes die aanslagen verheerlijken.",
        observed_on=timezone.localdate() - datetime.timedelta(days=3),
    )


@pytest.fixture
def published_referentiekader(db):
    return referentiekader_publish()
