"""Role groups are named by their stable code, no longer by their Dutch label (issue 12):
renaming a label must never change who may see what. Memberships and page permissions follow
the group row, so only the name changes."""

from django.db import migrations

LABEL_TO_CODE = {
    "Melder": "melder",
    "Weegploeglid": "weegploeglid",
    "Casusoverleg-deelnemer": "casusoverleg-deelnemer",
    "Uitvoerder": "uitvoerder",
    "Beleidsredacteur": "beleidsredacteur",
    "Publicatie-goedkeurder": "publicatie-goedkeurder",
    "Externe casuspartner": "externe-casuspartner",
    "Functioneel beheerder": "functioneel-beheerder",
}


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for label, code in LABEL_TO_CODE.items():
        if not Group.objects.filter(name=code).exists():
            Group.objects.filter(name=label).update(name=code)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for label, code in LABEL_TO_CODE.items():
        if not Group.objects.filter(name=label).exists():
            Group.objects.filter(name=code).update(name=label)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(forwards, backwards)]
