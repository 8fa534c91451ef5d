import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("intakeforms", "0003_answers_by_question_id")]

    operations = [
        migrations.AlterField(
            model_name="intakequestion",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="vaste vraag-id"),
        ),
    ]
