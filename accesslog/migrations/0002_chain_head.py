from django.db import migrations


def create_head(apps, schema_editor):
    Head = apps.get_model("accesslog", "AccessLogChainHead")
    Head.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("accesslog", "0001_initial")]

    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
