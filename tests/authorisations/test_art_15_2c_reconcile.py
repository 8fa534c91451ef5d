"""Issue 13 item 4 (art. 15.2c): changes that send no signal -- a data migration (historical
models), ``QuerySet.update()``, raw SQL -- still end up in the authorisation log: the
reconciliation after every ``migrate`` and ``manage.py reconcile_authorisation_log`` record them."""

from __future__ import annotations

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_grant
from authorisations.models import AuthorisationEvent, AuthorisationEventKind
from authorisations.reconcile import FOUND_REASON, authorisation_log_reconcile, reconcile_after_migrate
from tests.factories import UserFactory, party

pytestmark = pytest.mark.django_db
K = AuthorisationEventKind


def _found(user, kind):
    return AuthorisationEvent.objects.filter(subject=user, kind=kind, reason=FOUND_REASON)


def test_art_15_2c_a_consistent_log_gets_no_rows():
    user = UserFactory(party=party("De politie"))
    role_grant(user, Role.MELDER, reason="nieuw")
    authorisation_log_reconcile()  # a factory user's party was never logged: the baseline row
    assert authorisation_log_reconcile() == []


def test_art_15_2c_raw_sql_role_grant_and_revocation_are_recorded():
    user = UserFactory(party=party("De politie"))
    role_grant(user, Role.MELDER, reason="nieuw")
    authorisation_log_reconcile()
    weegploeg = Group.objects.get(name=Role.WEEGPLOEGLID.group_name)
    melder = Group.objects.get(name=Role.MELDER.group_name)
    through = User.groups.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {through} (user_id, group_id) VALUES (%s, %s)", [user.pk, weegploeg.pk])  # noqa: S608
        cursor.execute(f"DELETE FROM {through} WHERE user_id = %s AND group_id = %s", [user.pk, melder.pk])  # noqa: S608

    written = authorisation_log_reconcile()

    assert len(written) == 2
    assert _found(user, K.ROLE_GRANTED).get().role == Role.WEEGPLOEGLID.value
    assert _found(user, K.ROLE_REVOKED).get().role == Role.MELDER.value
    assert authorisation_log_reconcile() == []


def test_art_15_2c_queryset_update_of_party_and_superuser_is_recorded():
    user = UserFactory(party=party("De politie"))
    authorisation_log_reconcile()
    User.objects.filter(pk=user.pk).update(party=party("De gemeente Venlo"), is_superuser=True)

    authorisation_log_reconcile()

    changed = _found(user, K.PARTY_CHANGED).latest("id")
    assert (changed.old_value, changed.new_value) == ("De politie", "De gemeente Venlo")
    assert _found(user, K.SUPERUSER_GRANTED).count() == 1


def test_art_15_2c_a_renamed_party_is_not_a_changed_user():
    venlo = party("De gemeente Venlo")
    UserFactory(party=venlo)
    authorisation_log_reconcile()
    venlo.name = "Gemeente Venlo"
    venlo.save()
    assert authorisation_log_reconcile() == []


def test_art_15_2c_a_data_migration_change_is_recorded_by_the_migrate_that_ran_it():
    """What a data migration does (historical models, no signals), then the post_migrate step that
    ``migrate`` sends after it."""
    user = UserFactory(party=party("De politie"))
    authorisation_log_reconcile()
    Historical = global_apps.get_model("accounts", "User")
    through = Historical.groups.through
    group = Group.objects.get(name=Role.UITVOERDER.group_name)
    through.objects.bulk_create([through(user_id=user.pk, group_id=group.pk)])
    assert not _found(user, K.ROLE_GRANTED).exists()

    reconcile_after_migrate(sender=global_apps.get_app_config("authorisations"))

    assert _found(user, K.ROLE_GRANTED).get().role == Role.UITVOERDER.value


def test_art_15_2c_the_command_reports_what_it_recorded(capsys):
    user = UserFactory(party=party("De politie"))
    call_command("reconcile_authorisation_log")
    User.objects.filter(pk=user.pk).update(is_superuser=True)
    call_command("reconcile_authorisation_log")
    out = capsys.readouterr().out
    assert "1 wijziging(en) zonder logregel gevonden" in out
    call_command("reconcile_authorisation_log")
    assert "beschrijft alle rollen" in capsys.readouterr().out
