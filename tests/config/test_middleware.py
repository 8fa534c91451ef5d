"""No input makes a 500: NUL characters (which PostgreSQL refuses in text) are refused up front
with a Dutch 400 page, on every URL, before any view or query sees them."""

import pytest
from django.contrib.sessions.models import Session

from accounts.roles import Role
from tests.factories import UserFactory
from tests.helpers import verified_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/?q=%00", "/zoeken/?q=a%00b", "/inloggen/?next=%00", "/werk/?x%00=1"])
def test_issue_2_nul_in_a_query_string_gets_a_dutch_400(client, path):
    """Issue 2."""
    response = client.get(path)
    assert response.status_code == 400
    assert "Ongeldige invoer" in response.content.decode()


def test_issue_2_nul_in_a_login_form_gets_a_dutch_400_and_logs_nobody_in(client):
    """Issue 2."""
    user = UserFactory(with_totp=True)
    response = client.post("/inloggen/", {"username": user.username + "\x00", "password": "\x00"})
    assert response.status_code == 400
    assert "Er is niets opgeslagen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_issue_2_nul_in_a_staff_form_changes_nothing():
    """Issue 2."""
    user = UserFactory(roles=[Role.MELDER])
    client = verified_client(user)
    sessions = Session.objects.count()
    response = client.post("/werk/weegploeg/melden/", {"observation": "a\x00b"})
    assert response.status_code == 400
    assert Session.objects.count() == sessions
