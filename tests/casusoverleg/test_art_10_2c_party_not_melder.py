"""Issue 13 item 1 (art. 10.2c vs 8.2c): the casusoverleg file holds the *party* that brought the
signal in, with its functional contact -- never the melder's name or contact details, which every
participant (e.g. the Reclassering) would otherwise read."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accesslog.models import AccessLogEntry
from casusoverleg.models import CasusSignal
from tests.casusoverleg.fixtures import GENNEP, RVDK, agenda, deelnemer
from tests.factories import party
from tests.helpers import verified_client
from tests.schema import schema_migrate_back, schema_migrate_latest
from weegploeg.models import Signal

GENNEP_CONTACT = "veiligheidshuis@gennep.invalid"


@pytest.fixture
def services_as_verified_users(monkeypatch):
    """Service calls outside a request: the users count as having passed the code step."""
    from accounts.models import User

    monkeypatch.setattr(User, "is_verified", lambda self: True, raising=False)


@pytest.mark.django_db
def test_art_10_2c_agendering_copies_the_party_and_its_functional_contact_not_the_melder(services_as_verified_users):
    gennep = party(GENNEP)
    gennep.functional_contact = GENNEP_CONTACT
    gennep.save(update_fields=["functional_contact"])
    casus = agenda()
    melder_signal = Signal.objects.get(file__number=casus.source_weegploeg_number)
    assert melder_signal.melder_name
    assert melder_signal.melder_contact
    copied = CasusSignal.objects.get(file=casus)
    assert (copied.bringing_party, copied.party_name, copied.party_contact) == (gennep, GENNEP, GENNEP_CONTACT)
    field_names = {f.name for f in CasusSignal._meta.get_fields()}
    assert not {"melder_name", "melder_contact"} & field_names
    values = " ".join(str(getattr(copied, f.attname)) for f in CasusSignal._meta.concrete_fields)
    assert melder_signal.melder_name not in values
    assert melder_signal.melder_contact not in values
    # A participant of another party reads the party, not the melder.
    rvdk = verified_client(deelnemer(RVDK))
    page = rvdk.get(f"/werk/casussen/{casus.number}/").content.decode()
    assert GENNEP_CONTACT in page
    assert "Ingebracht door De gemeente Gennep" in page
    assert melder_signal.melder_name not in page
    assert melder_signal.melder_contact not in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_art_10_2c_data_migration_removes_the_melder_from_existing_files_and_logs_a_correction():
    """Migrate back to before the change, store a casusoverleg signal with melder data the old way,
    migrate forward: the melder is gone, the party is filled in and the access log records it."""
    before = [("casusoverleg", "0005_subject_canonical_fields")]
    after = [("casusoverleg", "0006_signal_party_not_melder_art_10_2c")]
    schema_migrate_back(before)
    executor = MigrationExecutor(connection)
    old_apps = executor.loader.project_state(before).apps
    Party = old_apps.get_model("parties", "Party")
    File = old_apps.get_model("casusoverleg", "CasusoverlegFile")
    OldSignal = old_apps.get_model("casusoverleg", "CasusSignal")
    User = old_apps.get_model("accounts", "User")
    gennep = Party.objects.get(name=GENNEP)
    opener = User.objects.create(username="opener", party=gennep)
    casus = File.objects.create(number="C-2026-0999", source_weegploeg_number="W-2026-0999", opened_by=opener)
    OldSignal.objects.create(
        file=casus,
        observation="Deelt filmpjes.",
        observed_on=datetime.date(2026, 1, 5),
        melder_name="Piet Melder",
        melder_contact="06-11112222",
        bringing_party=gennep,
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    schema_migrate_latest()
    signal = CasusSignal.objects.get(file__number="C-2026-0999")
    assert (signal.party_name, signal.bringing_party.name) == (GENNEP, GENNEP)
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, CasusSignal._meta.db_table)}
    assert not {"melder_name", "melder_contact"} & columns
    row = AccessLogEntry.objects.get(object_type="casusoverleg_file", object_ref="C-2026-0999")
    assert row.user_id is None
    assert "10.2c" in row.purpose
