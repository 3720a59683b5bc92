"""WorkImport and SourceRow become the common import record and set-aside row.

``checksum`` and ``imported_at`` are renamed (their data kept). The SHA-256
is unique among ingested imports, as the importer already required (it
skips bytes imported before), and that partial index replaces the plain one.
A rejected source row gets the column at fault and its raw value, also for
the rows rejected before.
"""

from django.db import migrations, models
from django.db.models import Case, F, Value, When
from django.db.models.functions import Concat, Left, Length
from django.db.models.lookups import GreaterThan

# The reasons and limit as they stood when this migration was written.
FAULT_COLUMNS = {"title is empty": "title", "contributors has no name": "contributors"}
VALUE_MAX_CHARS = 10_000


def faults_fill(apps, schema_editor):
    rejected = apps.get_model("works", "SourceRow").objects.filter(outcome="rejected")
    for reason, column in FAULT_COLUMNS.items():
        raw = F(f"raw_{column}")
        rejected.filter(reason=reason).update(
            field=column,
            value=Case(
                When(
                    GreaterThan(Length(raw), VALUE_MAX_CHARS),
                    then=Concat(
                        Left(raw, VALUE_MAX_CHARS - 1),
                        Value("…"),
                        output_field=models.TextField(),
                    ),
                ),
                default=raw,
                output_field=models.TextField(),
            ),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0002_indexes_for_bulk_loading"),
    ]

    operations = [
        migrations.RenameField(
            model_name="workimport", old_name="checksum", new_name="sha256"
        ),
        migrations.AlterField(
            model_name="workimport",
            name="sha256",
            field=models.CharField(
                help_text="Of the file's bytes.", max_length=64, verbose_name="SHA-256"
            ),
        ),
        migrations.AddConstraint(
            model_name="workimport",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "ingested")),
                fields=("sha256",),
                name="works_import_sha256_once",
            ),
        ),
        migrations.RenameField(
            model_name="workimport", old_name="imported_at", new_name="started_at"
        ),
        migrations.AlterField(
            model_name="workimport",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="workimport",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="workimport",
            name="size",
            field=models.PositiveBigIntegerField(
                blank=True,
                help_text="Bytes; empty for files recorded before.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="workimport",
            name="path",
            field=models.CharField(
                help_text="The file as it was given.", max_length=1024
            ),
        ),
        migrations.AlterField(
            model_name="workimport",
            name="rows_rejected",
            field=models.PositiveBigIntegerField(
                default=0, help_text="Set aside, each with its reason."
            ),
        ),
        migrations.AlterField(
            model_name="workimport",
            name="status",
            field=models.CharField(
                choices=[("ingested", "Ingested"), ("failed", "Failed")], max_length=10
            ),
        ),
        migrations.AlterField(
            model_name="sourcerow",
            name="line",
            field=models.PositiveIntegerField(
                help_text="Line in the file, or number of the record."
            ),
        ),
        migrations.AddField(
            model_name="sourcerow",
            name="field",
            field=models.CharField(
                blank=True,
                default="",
                help_text="The field at fault; empty: the row.",
                max_length=50,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="sourcerow",
            name="value",
            field=models.TextField(
                blank=True, default="", help_text="The value at fault, as read."
            ),
            preserve_default=False,
        ),
        migrations.RunPython(faults_fill, migrations.RunPython.noop, elidable=True),
    ]
