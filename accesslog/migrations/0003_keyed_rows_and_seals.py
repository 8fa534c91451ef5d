import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Issue 13 item 10 / issue 18 item 2: keyed HMAC per row, seals outside the request."""

    dependencies = [("accesslog", "0002_chain_head")]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="shown_refs",
            field=models.JSONField(blank=True, default=list, verbose_name="getoonde kenmerken"),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="key_id",
            field=models.CharField(default="", max_length=16, verbose_name="sleutel-id"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="nonce",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="legacy_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="txid",
            field=models.BigIntegerField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.CreateModel(
            name="AccessLogSeal",
            fields=[
                ("seal_no", models.BigIntegerField(primary_key=True, serialize=False, verbose_name="zegelnummer")),
                ("seal_hash", models.CharField(max_length=64, unique=True)),
                ("sealed_at", models.DateTimeField(verbose_name="gezegeld op")),
                ("horizon", models.BigIntegerField(blank=True, null=True)),
                (
                    "entry",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="seal",
                        to="accesslog.accesslogentry",
                        verbose_name="logregel",
                    ),
                ),
            ],
            options={
                "verbose_name": "zegel van het toegangslog",
                "verbose_name_plural": "zegels van het toegangslog",
                "ordering": ["seal_no"],
            },
        ),
    ]
