import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def seed(apps, schema_editor):
    from processing.seed import INITIAL

    Activity = apps.get_model("processing", "ProcessingActivity")
    for kind, texts in INITIAL.items():
        Activity.objects.get_or_create(kind=kind, defaults=texts)


class Migration(migrations.Migration):
    initial = True

    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        migrations.CreateModel(
            name="ProcessingActivity",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("weegploeg", "Weegploeg: weging van signalen (art. 7-8)"),
                            ("casusoverleg", "Casusoverleg: persoonsgerichte aanpak (art. 9-10)"),
                            ("rechten", "Behandeling van verzoeken van betrokkenen (art. 11-12)"),
                            ("toegangslog", "Toegangslog en beveiliging (art. 15)"),
                        ],
                        max_length=20,
                        unique=True,
                        verbose_name="verwerking",
                    ),
                ),
                ("purposes", models.TextField(max_length=4000, verbose_name="doeleinden")),
                ("data_categories", models.TextField(max_length=4000, verbose_name="categorieën persoonsgegevens")),
                ("subject_categories", models.TextField(max_length=2000, verbose_name="categorieën betrokkenen")),
                ("legal_basis", models.TextField(max_length=2000, verbose_name="grondslag")),
                (
                    "transfers",
                    models.TextField(default="Geen.", max_length=1000, verbose_name="doorgifte buiten de EER"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="laatst gewijzigd op"),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"verbose_name": "verwerking", "verbose_name_plural": "verwerkingsregister", "ordering": ["kind"]},
        ),
        migrations.CreateModel(
            name="ProcessingActivityVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField(verbose_name="versie")),
                ("purposes", models.TextField(verbose_name="doeleinden")),
                ("data_categories", models.TextField(verbose_name="categorieën persoonsgegevens")),
                ("subject_categories", models.TextField(verbose_name="categorieën betrokkenen")),
                ("legal_basis", models.TextField(verbose_name="grondslag")),
                ("transfers", models.TextField(verbose_name="doorgifte buiten de EER")),
                ("valid_from", models.DateTimeField(verbose_name="geldig vanaf")),
                (
                    "valid_until",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="geldig tot"),
                ),
                ("reason", models.CharField(max_length=500, verbose_name="reden van de wijziging")),
                (
                    "activity",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="processing.processingactivity",
                    ),
                ),
                (
                    "changed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "eerdere versie van een verwerking",
                "verbose_name_plural": "eerdere versies van verwerkingen",
                "ordering": ["activity", "-number"],
                "constraints": [
                    models.UniqueConstraint(fields=("activity", "number"), name="processing_version_unique")
                ],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
