"""Issue 13 item 7 and 19.1: the publicatie-goedkeurder sees, question by question, what changed in
the intake form before approving, sees its history, and approves a named version; nobody else does."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Workflow

from accounts.roles import Role
from forms.models import IntakeFormPage, QuestionType
from forms.selectors import intake_definition_published
from pages.permissions import WORKFLOW_NAME, pages_permissions_sync
from tests.factories import UserFactory, party
from tests.helpers import verified_client
from tests.intakeforms.helpers import live_questions, publish, question

pytestmark = pytest.mark.django_db


def submitted_change():
    page = publish(
        [
            question("Via welk kanaal kwam het signaal binnen?", QuestionType.RADIO, choices="Telefoon\nE-mail"),
            question("Welke school bezoekt de jongere?"),
            question("Welke sport beoefent de jongere?"),
        ]
    )
    pages_permissions_sync()
    editor = UserFactory(roles=[Role.BELEIDSREDACTEUR], party=party("De politie"))
    kanaal, school, _sport = live_questions(page)
    school.label = "Op welke school zit de jongere?"
    page = IntakeFormPage.objects.get(pk=page.pk)
    school.sort_order, kanaal.sort_order = 0, 1
    page.questions = [school, kanaal]  # reorder, reword, remove "sport"
    page.save_revision(user=editor)
    Workflow.objects.get(name=WORKFLOW_NAME).start(page, editor)
    return page, editor


def approver():
    return UserFactory(roles=[Role.PUBLICATIE_GOEDKEURDER], party=party("De gemeente Venlo"))


def test_art_11_1_the_approver_sees_the_question_diff_and_the_history():
    page, _ = submitted_change()
    client = verified_client(approver())
    assert "Ter beoordeling" in client.get(reverse("wagtailadmin_home")).content.decode()
    listing = client.get(reverse("pages_review_list")).content.decode()
    assert page.title in listing
    response = client.get(reverse("pages_review_detail", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "De volgorde is gewijzigd" in html
    assert "Welke sport beoefent de jongere?" in html
    assert "vervallen" in html
    assert "[toegevoegd: </span>Op" in html
    assert "Versie 1, gepubliceerd op" in html  # history


def test_art_11_1_nobody_without_an_open_task_sees_the_review():
    page, editor = submitted_change()
    for user in (editor, UserFactory(roles=[Role.MELDER], party=party("De politie"))):
        response = verified_client(user).get(reverse("pages_review_detail", args=[page.pk]))
        assert response.status_code in (302, 403)


def test_art_11_1_approval_names_page_and_version_and_publishes_exactly_that_revision():
    page, editor = submitted_change()
    client = verified_client(approver())
    confirm = client.get(reverse("pages_review_confirm", args=[page.pk]) + "?action=approve").content.decode()
    assert "versie 2" in confirm
    assert page.title in confirm
    reviewed = IntakeFormPage.objects.get(pk=page.pk).get_latest_revision()
    # a newer draft saved after the approver looked is not approved blindly
    newer = IntakeFormPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    newer.save_revision(user=editor)
    stale = client.post(
        reverse("pages_review_confirm", args=[page.pk]), {"action": "approve", "revision": reviewed.pk, "comment": ""}
    )
    assert stale.status_code == 400
    assert "nieuwere versie" in stale.content.decode()
    latest = IntakeFormPage.objects.get(pk=page.pk).get_latest_revision()
    done = client.post(
        reverse("pages_review_confirm", args=[page.pk]), {"action": "approve", "revision": latest.pk, "comment": ""}
    )
    assert done.status_code == 302
    assert done.url == reverse("pages_review_list")
    followed = client.get(done.url).content.decode()
    assert "is goedgekeurd" in followed
    assert "geen toegang" not in followed.lower()
    assert IntakeFormPage.objects.get(pk=page.pk).live_revision_id == latest.pk
    assert [q.label for q in intake_definition_published().questions] == [
        "Op welke school zit de jongere?",
        "Via welk kanaal kwam het signaal binnen?",
    ]


def test_art_11_1_asking_for_changes_needs_a_comment_and_publishes_nothing():
    page, _ = submitted_change()
    client = verified_client(approver())
    latest = IntakeFormPage.objects.get(pk=page.pk).get_latest_revision()
    url = reverse("pages_review_confirm", args=[page.pk])
    empty = client.post(url, {"action": "reject", "revision": latest.pk, "comment": ""})
    assert empty.status_code == 400
    assert "wat er moet veranderen" in empty.content.decode()
    assert (
        client.post(url, {"action": "reject", "revision": latest.pk, "comment": "Sport mag blijven."}).status_code
        == 302
    )
    assert IntakeFormPage.objects.get(pk=page.pk).live_revision_id != latest.pk


def test_art_11_1_the_approver_is_sent_from_the_editor_to_the_review_and_cannot_edit():
    page, _ = submitted_change()
    client = verified_client(approver())
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(edit_url)
    assert response.status_code == 302
    assert response.url == reverse("pages_review_detail", args=[page.pk])
    before = IntakeFormPage.objects.get(pk=page.pk).revisions.count()
    client.post(edit_url, {"title": "Gekaapt", "slug": page.slug})
    assert IntakeFormPage.objects.get(pk=page.pk).revisions.count() == before


def test_art_11_1_the_dashboards_raw_approve_action_goes_to_the_confirmation_and_publishes_nothing():
    """Issue 13 item 7: "Goedkeuren" in the dashboard's task panel posts to Wagtail's own workflow
    action; without the confirmation naming page and version nothing is approved or published."""
    from wagtail.models import TaskState

    page, _ = submitted_change()
    client = verified_client(approver())
    live_before = IntakeFormPage.objects.get(pk=page.pk).live_revision_id
    state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    raw = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    assert raw in dashboard  # the dashboard's "Goedkeuren"
    confirm = reverse("pages_review_confirm", args=[page.pk]) + "?action=approve"
    response = client.post(raw, {})
    assert response.status_code == 302
    assert response.url == confirm
    xhr = client.post(raw, {"comment": "ok"}, headers={"x-requested-with": "XMLHttpRequest"})
    assert xhr.json()["redirect"] == confirm
    reject = client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.pk]), {})
    assert reject.url.endswith("?action=reject")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS  # nothing decided
    assert IntakeFormPage.objects.get(pk=page.pk).live_revision_id == live_before  # nothing published
    shown = client.get(confirm).content.decode()
    assert "versie 2" in shown
    assert page.title in shown
