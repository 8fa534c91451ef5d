"""Create the 35 parties named in the signed convenant (idempotent)."""

from django.db import migrations


def seed(apps, schema_editor):
    from parties.services import parties_seed

    parties_seed(apps.get_model("parties", "Party"))


class Migration(migrations.Migration):
    dependencies = [("parties", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
