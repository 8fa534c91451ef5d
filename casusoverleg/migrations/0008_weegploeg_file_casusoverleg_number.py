"""Fill ``WeegploegFile.casusoverleg_number`` for the files already copied (art. 8.5): from now on the
casusoverleg part records it when it opens a file, so the weegploeg file no longer queries this app."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    WeegploegFile = apps.get_model("weegploeg", "WeegploegFile")
    CasusoverlegFile = apps.get_model("casusoverleg", "CasusoverlegFile")
    copy = CasusoverlegFile.objects.filter(source_weegploeg_number=OuterRef("number")).order_by("pk").values("number")
    copied = WeegploegFile.objects.filter(number__in=CasusoverlegFile.objects.values("source_weegploeg_number"))
    copied.update(casusoverleg_number=Subquery(copy[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("casusoverleg", "0007_review_outcome_advice_to_kernpartijen_art_9_4"),
        ("weegploeg", "0006_weegploeg_file_casusoverleg_number"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
