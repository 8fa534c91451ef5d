from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="StoredPdf",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(db_index=True, editable=False, max_length=64)),
                ("convenant_revision_id", models.PositiveBigIntegerField(editable=False)),
                ("content", models.BinaryField(editable=False)),
                ("sha256", models.CharField(editable=False, max_length=64)),
                ("size", models.PositiveIntegerField(editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={
                "verbose_name": "opgeslagen convenant-PDF",
                "verbose_name_plural": "opgeslagen convenant-PDF’s",
                "ordering": ["-id"],
            },
        ),
    ]
