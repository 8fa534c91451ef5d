"""What happens when the review workflow finishes (``WAGTAIL_FINISH_WORKFLOW_ACTION``)."""

from __future__ import annotations

# No model imports here: Wagtail imports this module while its own models are being defined.


def publish_approved_revision(workflow_state, user=None) -> None:
    """Publish (or schedule, if ``go_live_at`` is set) the revision the publicatie-goedkeurder approved.

    The approval *is* the permission: approvers hold no page permissions of their own (they may
    not edit), so Wagtail's publish permission check is skipped here and only here.
    """
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
