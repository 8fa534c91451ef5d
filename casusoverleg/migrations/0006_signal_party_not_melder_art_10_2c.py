# Art. 10.2c (issue 13 item 1): the casusoverleg file holds the party that brought the signal in,
# with the party's functional contact, not the melder's name and contact details (art. 8.2c keeps
# those in the weegploeg file only). Existing files: the party is filled in, the melder fields are
# dropped, and each file that held melder data gets one access-log row recording the correction.

import django.db.models.deletion
from django.db import migrations, models

PURPOSE = (
    "Correctie art. 10.2c: naam en contactgegevens van de melder verwijderd uit het casusoverlegdossier; "
    "de inbrengende partij en haar functionele contactgegevens staan ervoor in de plaats"
)


def melder_to_party(apps, schema_editor):
    CasusSignal = apps.get_model("casusoverleg", "CasusSignal")
    corrected_files = set()
    for signal in CasusSignal.objects.select_related("bringing_party", "file").order_by("pk").iterator():
        if signal.melder_name or signal.melder_contact:
            corrected_files.add(signal.file.number)
        signal.party_name = signal.bringing_party.name
        signal.party_contact = signal.bringing_party.functional_contact
        signal.melder_name = ""
        signal.melder_contact = ""
        signal.save(update_fields=["party_name", "party_contact", "melder_name", "melder_contact"])
    if not corrected_files:
        return
    # Through the access log's own entry point (keyed chain), imported lazily: it is the current code,
    # so this migration must run before any later change to the access-log table (see dependencies).
    from accesslog.services import access_log_write_system

    for number in sorted(corrected_files):
        access_log_write_system(
            user=None, action="update", object_type="casusoverleg_file", object_ref=number, purpose=PURPOSE
        )


class Migration(migrations.Migration):

    dependencies = [
        ('casusoverleg', '0005_subject_canonical_fields'),
        ('parties', '0003_party_functional_contact'),
        ('accesslog', '0004_adopt_legacy_rows'),
    ]

    operations = [
        migrations.AddField(
            model_name='casussignal',
            name='party_contact',
            field=models.CharField(blank=True, max_length=300, verbose_name='functionele contactgegevens partij (art. 10.2c)'),
        ),
        migrations.AddField(
            model_name='casussignal',
            name='party_name',
            field=models.CharField(blank=True, max_length=200, verbose_name='naam partij (art. 10.2c)'),
        ),
        migrations.AlterField(
            model_name='casussignal',
            name='bringing_party',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='parties.party', verbose_name='ingebracht door'),
        ),
        migrations.RunPython(melder_to_party, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='casussignal',
            name='melder_contact',
        ),
        migrations.RemoveField(
            model_name='casussignal',
            name='melder_name',
        ),
    ]
