import pytest
from tests.pages.test_review_and_versions import *  # noqa

@pytest.mark.django_db
def test_dbg(site, editor, approver, client):
    annex = AnnexPage.objects.get(number=2)
    c = verified_client(editor)
    r = c.post(reverse("wagtailadmin_pages:edit", args=[annex.pk]), _annex_form(annex, "Nieuwe tekst."))
    print("edit", r.status_code, r.get("Location"))
    if r.status_code == 200:
        soup = BeautifulSoup(r.content, "html.parser")
        print([e.get_text(" ", strip=True)[:300] for e in soup.select(".error-message, .help-critical, .w-field__errors, [role=alert]")])
    annex.refresh_from_db()
    state = annex.current_workflow_state
    print("state", state, state and state.current_task_state)
    ca = verified_client(approver)
    url = reverse("wagtailadmin_pages:workflow_action", args=[annex.pk, "approve", state.current_task_state.pk])
    r = ca.post(url, {"comment": ""})
    print("approve", r.status_code, r.get("Location"), r.content[:500])
    annex.refresh_from_db()
    print(annex.live_revision_id, annex.latest_revision_id, annex.has_unpublished_changes)
