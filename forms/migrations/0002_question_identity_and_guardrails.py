"""Issue 19: a stable id per intake question and the fields of the editor's guardrails (schema only)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("intakeforms", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="intakequestion",
            name="uuid",
            field=models.UUIDField(null=True, editable=False, verbose_name="vaste vraag-id"),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="date_max",
            field=models.DateField(blank=True, null=True, verbose_name="laatste datum"),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="date_min",
            field=models.DateField(blank=True, null=True, verbose_name="vroegste datum"),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="date_not_in_future",
            field=models.BooleanField(default=False, verbose_name="datum niet in de toekomst"),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="default_value",
            field=models.CharField(
                blank=True,
                help_text="Vooraf ingevuld. Bij keuzes: een van de keuzes; bij een datum: dd-mm-jjjj; bij ja/nee: Ja of Nee.",
                max_length=300,
                verbose_name="standaardwaarde",
            ),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="legal_ground",
            field=models.TextField(
                blank=True,
                help_text="Verplicht bij bijzondere of strafrechtelijke gegevens: de wettelijke grondslag en uitzondering.",
                max_length=1000,
                verbose_name="grondslag",
            ),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="max_length",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="Alleen voor tekstregel en tekstvak (ten hoogste 2000).",
                null=True,
                verbose_name="maximale lengte",
            ),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="max_value",
            field=models.IntegerField(blank=True, null=True, verbose_name="grootste getal"),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="min_value",
            field=models.IntegerField(blank=True, null=True, verbose_name="kleinste getal"),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="pattern",
            field=models.CharField(
                blank=True,
                help_text="Reguliere expressie waaraan het hele antwoord moet voldoen (alleen tekstregel).",
                max_length=200,
                verbose_name="patroon",
            ),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="section",
            field=models.CharField(
                blank=True,
                help_text="Vragen met hetzelfde onderdeel na elkaar staan samen onder deze kop.",
                max_length=120,
                verbose_name="onderdeel",
            ),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="show_when_question",
            field=models.CharField(
                blank=True,
                help_text="Kies een eerdere vraag; deze vraag verschijnt alleen bij het antwoord hieronder.",
                max_length=36,
                verbose_name="alleen tonen als vraag",
            ),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="show_when_value",
            field=models.CharField(blank=True, max_length=200, verbose_name="… dit antwoord heeft"),
        ),
        migrations.AddField(
            model_name="intakequestion",
            name="special_category",
            field=models.CharField(
                choices=[
                    ("geen", "Nee, geen bijzondere persoonsgegevens"),
                    ("religie", "Ja: godsdienst of levensovertuiging"),
                    ("gezondheid", "Ja: gezondheid"),
                    ("afkomst", "Ja: ras of etnische afkomst"),
                    ("politiek", "Ja: politieke opvattingen"),
                    ("vakbond", "Ja: lidmaatschap van een vakbond"),
                    ("seksueel", "Ja: seksueel gedrag of seksuele gerichtheid"),
                    ("biometrisch", "Ja: genetische of biometrische gegevens"),
                    ("strafrechtelijk", "Ja: strafrechtelijke gegevens (art. 10 AVG)"),
                ],
                default="geen",
                max_length=20,
                verbose_name="vraagt naar bijzondere of strafrechtelijke persoonsgegevens (art. 9–10 AVG)",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="intakequestion",
            name="choices",
            field=models.TextField(
                blank=True,
                help_text="Eén keuze per regel (alleen voor keuzelijst, keuzerondjes en aanvinkvakjes).",
                max_length=2000,
                verbose_name="keuzes",
            ),
        ),
        migrations.AlterField(
            model_name="intakequestion",
            name="field_type",
            field=models.CharField(
                choices=[
                    ("singleline", "Tekstregel"),
                    ("multiline", "Tekstvak (meerdere regels)"),
                    ("number", "Getal"),
                    ("email", "E-mailadres"),
                    ("phone", "Telefoonnummer"),
                    ("date", "Datum"),
                    ("dropdown", "Keuzelijst"),
                    ("radio", "Keuzerondjes (één keuze)"),
                    ("checkboxes", "Aanvinkvakjes (meerdere keuzes)"),
                    ("checkbox", "Eén aanvinkvakje (ja/nee)"),
                ],
                max_length=20,
                verbose_name="soort antwoord",
            ),
        ),
    ]
