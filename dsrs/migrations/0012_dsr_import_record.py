"""DSR and DSRRowError become the common import record and set-aside row.

``checksum`` and ``imported_at`` are renamed (their data kept), so ``sha256``
and ``started_at`` mean on a DSR what they mean on every import record. The
SHA-256 loses its index: no query looks a DSR up by it, and the identity
constraint already allows one record, so one SHA-256, per DSR.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dsrs", "0011_resource_dsp_id_byte_order"),
    ]

    operations = [
        migrations.RenameField(
            model_name="dsr", old_name="checksum", new_name="sha256"
        ),
        migrations.AlterField(
            model_name="dsr",
            name="sha256",
            field=models.CharField(
                help_text="Of the file's bytes.", max_length=64, verbose_name="SHA-256"
            ),
        ),
        migrations.RenameField(
            model_name="dsr", old_name="imported_at", new_name="started_at"
        ),
        migrations.AlterField(
            model_name="dsr",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="dsr",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="dsr",
            name="size",
            field=models.PositiveBigIntegerField(
                blank=True,
                help_text="Bytes; empty for files recorded before.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="dsr",
            name="path",
            field=models.CharField(
                help_text="The file as it was given.", max_length=1024
            ),
        ),
        migrations.AlterField(
            model_name="dsr",
            name="rows_rejected",
            field=models.PositiveBigIntegerField(
                default=0, help_text="Set aside, each with its reason."
            ),
        ),
        migrations.AlterField(
            model_name="dsr",
            name="status",
            field=models.CharField(
                choices=[("ingested", "Ingested"), ("failed", "Failed")], max_length=10
            ),
        ),
        migrations.AlterField(
            model_name="dsrrowerror",
            name="field",
            field=models.CharField(
                blank=True,
                help_text="The field at fault; empty: the row.",
                max_length=50,
            ),
        ),
        migrations.AlterField(
            model_name="dsrrowerror",
            name="line",
            field=models.PositiveIntegerField(
                help_text="Line in the file, or number of the record."
            ),
        ),
        migrations.AlterField(
            model_name="dsrrowerror",
            name="value",
            field=models.TextField(
                blank=True, help_text="The value at fault, as read."
            ),
        ),
    ]
