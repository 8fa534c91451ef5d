"""Who may edit the public pages, and the review before publication (issue 3, art. 11.1).

* The "Beleidsredacteur" group may change the annexes, the referentiekader and the intake question
  list (forms.IntakeFormPage), never publish.
* Every change goes through the workflow "Publicatie-goedkeuring": a GroupApprovalTask assigned to
  the "Publicatie-goedkeurder" group. Approving publishes (or schedules, with ``go_live_at``).
* Nobody else has page permissions (superusers excepted). The signed convenant text itself is
  written only by ``manage.py import_convenant``.

``pages_permissions_sync`` is idempotent; roles_sync calls it after every migrate (via
ROLE_SYNC_HOOKS) and the import calls it after creating the pages.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from accounts.roles import Role
from forms.models import IntakeFormPage
from pages.models import AnnexPage, HomePage, ReferentiekaderPage

WORKFLOW_NAME = "Publicatie-goedkeuring"
TASK_NAME = "Goedkeuring door een publicatie-goedkeurder"
EDITOR_PAGE_PERMISSIONS = ("change_page",)


def editable_pages() -> list[Page]:
    """The pages policy editors maintain: the annexes (bijlage 1–3), the referentiekader and the
    intake question list (issue 19.1)."""
    return [*AnnexPage.objects.all(), *ReferentiekaderPage.objects.all(), *IntakeFormPage.objects.all()]


def pages_permissions_sync() -> None:
    editors, _ = Group.objects.get_or_create(name=Role.BELEIDSREDACTEUR.group_name)
    approvers, _ = Group.objects.get_or_create(name=Role.PUBLICATIE_GOEDKEURDER.group_name)

    # Page permissions: exactly "change" on each annex for editors; nothing for approvers.
    permissions = list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS)
    )
    wanted = {(page.pk, perm.pk) for page in editable_pages() for perm in permissions}
    existing = GroupPagePermission.objects.filter(group__in=[editors, approvers])
    for row in existing:
        if row.group_id != editors.pk or (row.page_id, row.permission_id) not in wanted:
            row.delete()
    have = {(row.page_id, row.permission_id) for row in GroupPagePermission.objects.filter(group=editors)}
    for page_id, permission_id in wanted - have:
        GroupPagePermission.objects.create(group=editors, page_id=page_id, permission_id=permission_id)

    # The review workflow.
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    if set(task.groups.all()) != {approvers}:
        task.groups.set([approvers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()

    home = HomePage.objects.first()
    if home is not None:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
