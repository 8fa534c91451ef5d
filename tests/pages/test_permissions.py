"""Who may edit the public pages (issue 3 point 4): editors change annexes, approvers approve, nobody else."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask, GroupPagePermission, WorkflowPage

from accounts.roles import Role
from pages.models import AnnexPage, ConvenantPage, HomePage, ReferentiekaderPage
from pages.permissions import TASK_NAME, WORKFLOW_NAME, pages_permissions_sync
from tests.factories import UserFactory, party
from tests.helpers import verified_client


@pytest.mark.django_db
def test_art_15_2b_sync_is_idempotent_and_gives_editors_change_only_on_the_annexes(site):
    pages_permissions_sync()
    pages_permissions_sync()
    editors = Group.objects.get(name=Role.BELEIDSREDACTEUR.group_name)
    rows = GroupPagePermission.objects.filter(group=editors)
    assert {r.permission.codename for r in rows} == {"change_page"}
    annex_ids = set(AnnexPage.objects.values_list("pk", flat=True)) | set(
        ReferentiekaderPage.objects.values_list("pk", flat=True)
    )
    assert {r.page_id for r in rows} == annex_ids
    assert not GroupPagePermission.objects.exclude(group=editors).exists()
    task = GroupApprovalTask.objects.get(name=TASK_NAME)
    assert list(task.groups.values_list("name", flat=True)) == [Role.PUBLICATIE_GOEDKEURDER.group_name]
    assert WorkflowPage.objects.get(page=HomePage.objects.get()).workflow.name == WORKFLOW_NAME


@pytest.mark.django_db
def test_art_15_2b_editor_may_edit_an_annex_but_not_the_signed_convenant_nor_publish(site):
    editor = UserFactory(roles=[Role.BELEIDSREDACTEUR], party=party("De politie"))
    client = verified_client(editor)
    annex = AnnexPage.objects.get(number=1)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[annex.pk])).status_code == 200
    convenant = ConvenantPage.objects.get()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[convenant.pk]))
    assert response.status_code in (302, 403)
    assert not annex.permissions_for_user(editor).can_publish()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.MELDER, Role.WEEGPLOEGLID, Role.UITVOERDER, Role.FUNCTIONEEL_BEHEERDER, Role.PUBLICATIE_GOEDKEURDER]
)
def test_art_15_2b_a_non_editor_even_with_2fa_cannot_edit_pages(site, role):
    user = UserFactory(roles=[role], party=party("De gemeente Heerlen"))
    client = verified_client(user)
    for page in [AnnexPage.objects.get(number=2), ReferentiekaderPage.objects.get(), ConvenantPage.objects.get()]:
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert edit.status_code in (302, 403), (role, page)
        post = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"title": "Gekaapt"})
        assert post.status_code in (302, 403), (role, page)
        assert not page.permissions_for_user(user).can_edit()
    assert "Gekaapt" not in client.get("/convenant/bijlage-2/").content.decode()


@pytest.mark.django_db
def test_art_15_2d_anonymous_users_are_sent_to_the_login_for_the_admin(site, client):
    annex = AnnexPage.objects.get(number=2)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[annex.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
