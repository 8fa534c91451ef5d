import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="OutboxMessage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="aangemaakt op")),
                ("subject", models.CharField(max_length=200, verbose_name="onderwerp")),
                ("body", models.TextField(verbose_name="tekst")),
                ("from_email", models.CharField(blank=True, max_length=254, verbose_name="afzender")),
                ("to", models.JSONField(default=list, verbose_name="ontvangers")),
                ("message_id", models.CharField(max_length=255, unique=True, verbose_name="Message-ID")),
                (
                    "dedupe_key",
                    models.CharField(blank=True, max_length=200, null=True, unique=True, verbose_name="sleutel"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("wachtend", "Wacht op verzending"), ("verzonden", "Verzonden")],
                        db_index=True,
                        default="wachtend",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("attempts", models.PositiveIntegerField(default=0, verbose_name="pogingen")),
                (
                    "next_attempt_at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="volgende poging"
                    ),
                ),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="verzonden op")),
            ],
            options={
                "verbose_name": "uitgaande e-mail",
                "verbose_name_plural": "uitgaande e-mails",
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="OutboxAttempt",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="tijdstip")),
                ("succeeded", models.BooleanField(verbose_name="gelukt")),
                ("error", models.CharField(blank=True, max_length=300, verbose_name="fout")),
                (
                    "message",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attempt_log",
                        to="outbox.outboxmessage",
                    ),
                ),
            ],
            options={
                "verbose_name": "verzendpoging",
                "verbose_name_plural": "verzendpogingen",
                "ordering": ["at", "pk"],
            },
        ),
    ]
