"""Issue 14 item 7: no English word where an editor or administrator reads: the user list's active
filter says "Actief: ja" (not "True"), and the help menu has no links to Wagtail's English guides."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory, party
from tests.helpers import verified_client

pytestmark = pytest.mark.django_db


def test_issue_14_7_the_user_lists_yes_no_filter_reads_dutch():
    admin = UserFactory(party=party("De gemeente Roermond"), is_superuser=True, is_staff=True)
    client = verified_client(admin)
    response = client.get("/admin/users/results/?is_active=true")
    assert response.status_code == 200
    html = response.content.decode()
    assert ">True<" not in html
    assert "True</" not in html
    assert "ja" in html


def test_issue_14_7_the_admin_help_menu_has_no_english_guides():
    admin = UserFactory(party=party("De gemeente Roermond"), is_superuser=True, is_staff=True)
    html = verified_client(admin).get("/admin/").content.decode()
    assert "guide.wagtail.org" not in html
