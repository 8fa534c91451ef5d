from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("weegploeg", "0003_subject_canonical_fields")]

    operations = [
        migrations.AddField(
            model_name="signal",
            name="submission_token",
            field=models.UUIDField(
                blank=True, editable=False, null=True, unique=True, verbose_name="inzendingskenmerk"
            ),
        ),
    ]
